package org.optline.platform.users;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.optline.platform.Clients;
import org.optline.platform.NewUser;
import org.optline.platform.Role;
import org.optline.platform.Users;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** {@code POST /api/v1/users/{id}/role}: a grantable role, never the last admin's, problems as JSON. */
@OptlineTest
class UsersApiTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Users users;

    private ResultActions role(String key, Object id, String body) throws Exception {
        return mvc.perform(post("/api/v1/users/" + id + "/role").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void roleChangesAGrantableRoleAndRefusesTheRestAsProblems() throws Exception {
        var c = Fixtures.client(clients, "Api Roles");
        String key = c.adminApiKey().secret();
        var marketer = users.create(Fixtures.admin(c), new NewUser("m@api-roles.test", "a long enough password", Role.MARKETER));

        role(key, marketer.id(), "{\"role\": \"analyst\"}").andExpect(status().isOk()).andExpect(jsonPath("$.role").value("analyst"));
        role(key, marketer.id(), "{\"role\": \"operator\"}").andExpect(status().isForbidden());
        role(key, marketer.id(), "{}").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("role"));
        role(key, marketer.id(), "{\"role\": \"owner\"}").andExpect(status().isBadRequest());
        role(key, c.admin().id(), "{\"role\": \"marketer\"}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", containsString("only enabled admin")));
        role(Fixtures.client(clients, "Api Roles Other").adminApiKey().secret(), marketer.id(), "{\"role\": \"marketer\"}")
                .andExpect(status().isNotFound());
    }
}
