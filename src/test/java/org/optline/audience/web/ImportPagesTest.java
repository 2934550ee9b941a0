package org.optline.audience.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.CustomFields;
import org.optline.audience.ImportJob;
import org.optline.audience.Imports;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.Subscribers;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The import result page: a way to the imported people, and the rejected rows as a file to fix and import again. */
@OptlineTest
class ImportPagesTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired CustomFields fields;
    @Autowired Imports imports;
    @Autowired Subscribers subscribers;

    CreatedClient client;
    Actor admin;
    MockHttpSession session;
    MailingList list;

    @BeforeEach
    void aClientWithAList() throws Exception {
        client = Fixtures.client(clients, "Import Pages");
        admin = Fixtures.admin(client);
        session = logIn(client);
        list = lists.create(admin, new Lists.ListInput("Walkers", null, "single"));
        fields.create(admin, "age", "Age", "number");
    }

    private MockHttpSession logIn(CreatedClient who) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email").user(who.admin().email())
                .password(who.generatedAdminPassword())).andReturn().getRequest().getSession(false);
    }

    /** Uploads and starts an import through the pages, mapping the first three columns; answers it when done. */
    private ImportJob importThroughThePages(String fileName, String csv) throws Exception {
        String columns = mvc.perform(multipart("/audience/imports").file(new MockMultipartFile("file", fileName, "text/csv",
                        csv.getBytes(StandardCharsets.UTF_8))).param("listId", list.id().toString()).session(session).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(columns).endsWith("/columns");
        UUID id = UUID.fromString(columns.replaceAll(".*/imports/([0-9a-f-]{36})/columns", "$1"));
        mvc.perform(post("/audience/imports/" + id + "/start").session(session).with(csrf())
                        .param("column_0", "email").param("column_1", "name").param("column_2", "age").param("column_3", "")
                        .param("confirm", "yes").param("attestation", "They signed up at our walking club's desk"))
                .andExpect(status().is3xxRedirection());
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> imports.get(admin, id), ImportJob::finished);
    }

    private MockHttpServletResponse download(UUID id) throws Exception {
        MvcResult started = mvc.perform(get("/audience/imports/" + id + "/rejected.csv").session(session)).andReturn();
        return mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn().getResponse();
    }

    @Test
    void rejectedRowsDownloadFixAndImportAgain() throws Exception {
        ImportJob first = importThroughThePages("walkers.csv", "email,name,age\n"
                + "ann@walkers.de,Ann,40\n"
                + "not-an-address,Bob,41\n"
                + "cid@walkers.de,\"Cid, Jr.\",very old\n");
        assertThat(first.rowsImported()).isEqualTo(1);
        assertThat(first.rowsRejected()).isEqualTo(2);

        String result = mvc.perform(get("/audience/imports/" + first.id()).session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(result).contains("href=\"/audience/subscribers?listId=" + list.id() + "\"")
                .contains("href=\"/audience/imports/" + first.id() + "/rejected.csv\"");

        MockHttpServletResponse csv = download(first.id());
        assertThat(csv.getContentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(csv.getHeader("Content-Disposition")).startsWith("attachment").contains("walkers-rejected.csv");
        String rejected = csv.getContentAsString(StandardCharsets.UTF_8);
        String[] lines = rejected.split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("email,name,age,reason");
        assertThat(lines[1]).startsWith("not-an-address,Bob,41,line 3: email 'not-an-address'");
        assertThat(lines[2]).startsWith("cid@walkers.de,\"Cid, Jr.\",very old,line 4: column 'Age'");

        String fixed = rejected.replace("not-an-address", "bob@walkers.de").replace("very old", "70");
        ImportJob again = importThroughThePages("walkers-rejected.csv", fixed);
        assertThat(again.status()).isEqualTo("done");
        assertThat(again.rowsRejected()).isZero();
        assertThat(again.rowsImported()).isEqualTo(2);
        assertThat(subscribers.findByEmail(admin, "bob@walkers.de").orElseThrow().name()).isEqualTo("Bob");
        assertThat(subscribers.findByEmail(admin, "cid@walkers.de").orElseThrow().fields()).containsEntry("age", "70");
        assertThat(subscribers.findByEmail(admin, "cid@walkers.de").orElseThrow().name()).isEqualTo("Cid, Jr.");
        assertThat(download(again.id()).getContentAsString(StandardCharsets.UTF_8)).isEqualTo("email,name,age,reason\r\n");

        // A row still wrong after the fix comes back in the same columns, its reason refilled.
        ImportJob third = importThroughThePages("walkers-rejected.csv", "email,name,age,reason\r\n"
                + "dan@walkers.de,Dan,unknown,line 9: column 'Age' is not a number\r\n");
        assertThat(download(third.id()).getContentAsString(StandardCharsets.UTF_8)).startsWith("email,name,age,reason\r\n"
                + "dan@walkers.de,Dan,unknown,line 2: column 'Age'");
    }

    @Test
    void anotherClientsImportIsNotFound() throws Exception {
        ImportJob mine = importThroughThePages("mine.csv", "email,name,age\nx@walkers.de,X,young\n");
        MockHttpSession stranger = logIn(Fixtures.client(clients, "Import Stranger"));
        mvc.perform(get("/audience/imports/" + mine.id() + "/rejected.csv").session(stranger)).andExpect(status().isNotFound());
        mvc.perform(get("/audience/imports/" + mine.id()).session(stranger)).andExpect(status().isNotFound());
    }
}
