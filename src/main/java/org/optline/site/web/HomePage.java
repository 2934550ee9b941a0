package org.optline.site.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The site's home: what the service is and the permission-only promise, for anyone. */
@Controller
class HomePage {

    @GetMapping("/")
    String home() {
        return "site/home";
    }
}
