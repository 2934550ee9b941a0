package org.optline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderTextTest {

    @Test
    void headerValuesBecomeOneLine() {
        assertThat(HeaderText.oneLine(" Spring sale ")).isEqualTo("Spring sale");
        assertThat(HeaderText.oneLine("Spring\r\nBcc: someone@example.org")).isEqualTo("Spring Bcc: someone@example.org");
        assertThat(HeaderText.oneLine("a\rb\nc")).isEqualTo("a b c");
        assertThat(HeaderText.oneLine(null)).isEmpty();
    }
}
