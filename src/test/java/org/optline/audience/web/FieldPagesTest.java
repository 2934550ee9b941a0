package org.optline.audience.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.CustomField;
import org.optline.audience.CustomFields;
import org.optline.platform.Actor;
import org.optline.platform.AuditEntry;
import org.optline.platform.AuditLog;
import org.optline.platform.Clients;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** The fields pages: adding a field with or without the subscriber's say, and editing its label and that flag. */
@OptlineTest
class FieldPagesTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired CustomFields fields;
    @Autowired AuditLog audit;

    MockHttpSession session;
    Actor admin;

    @BeforeEach
    void logIn() throws Exception {
        var client = Fixtures.client(clients, "Field Pages");
        admin = Fixtures.admin(client);
        session = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email")
                .user(client.admin().email()).password(client.generatedAdminPassword())).andReturn().getRequest().getSession(false);
    }

    private CustomField field(String key) {
        return fields.list(admin).stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void aNewFieldIsInternalUnlessTicked() throws Exception {
        mvc.perform(post("/audience/fields").session(session).with(csrf()).param("key", "vip").param("label", "VIP")
                .param("type", "boolean")).andExpect(redirectedUrl("/audience/fields"));
        mvc.perform(post("/audience/fields").session(session).with(csrf()).param("key", "first_name").param("label", "First name")
                .param("type", "text").param("subscriberEditable", "true")).andExpect(redirectedUrl("/audience/fields"));
        assertThat(field("vip").subscriberEditable()).isFalse();
        assertThat(field("first_name").subscriberEditable()).isTrue();
        String page = mvc.perform(get("/audience/fields").session(session)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("id=\"editable-vip\">No<").contains("id=\"editable-first_name\">Yes<")
                .contains("/audience/fields/" + field("vip").id());
    }

    @Test
    void editingAFieldChangesItsLabelAndWhetherSubscribersMayEditIt() throws Exception {
        var country = fields.create(admin, "country", "Country", "text");
        String form = mvc.perform(get("/audience/fields/" + country.id()).session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(form).contains("value=\"Country\"").contains("name=\"subscriberEditable\"").doesNotContain("checked");

        mvc.perform(post("/audience/fields/" + country.id()).session(session).with(csrf()).param("label", "Country of residence")
                        .param("subscriberEditable", "true"))
                .andExpect(redirectedUrl("/audience/fields")).andExpect(flash().attribute("notice", "Saved the field Country of residence."));
        assertThat(field("country")).extracting(CustomField::label, CustomField::subscriberEditable, CustomField::key,
                CustomField::slot).containsExactly("Country of residence", true, "country", country.slot());

        assertThat(audit.page(Fixtures.operator(), null, 50).items()).filteredOn(e -> e.target().equals("field:" + country.id()))
                .extracting(AuditEntry::action, AuditEntry::detail)
                .containsExactly(tuple("field.subscriber-editable", "country: subscribers may edit"));

        // An unticked box is not posted at all: the field becomes internal again.
        mvc.perform(post("/audience/fields/" + country.id()).session(session).with(csrf()).param("label", "Country of residence"))
                .andExpect(redirectedUrl("/audience/fields"));
        assertThat(field("country").subscriberEditable()).isFalse();
    }

    @Test
    void aBlankLabelIsRefusedWithAMessageAndAnotherClientsFieldIsNotFound() throws Exception {
        var country = fields.create(admin, "country", "Country", "text");
        String refused = mvc.perform(post("/audience/fields/" + country.id()).session(session).with(csrf()).param("label", "  ")
                        .param("subscriberEditable", "true"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Label is required").contains("checked");
        assertThat(field("country")).extracting(CustomField::label, CustomField::subscriberEditable).containsExactly("Country", false);

        var other = fields.create(Fixtures.admin(Fixtures.client(clients, "Other Fields")), "secret", "Secret", "text");
        mvc.perform(get("/audience/fields/" + other.id()).session(session)).andExpect(status().isNotFound());
        mvc.perform(post("/audience/fields/" + other.id()).session(session).with(csrf()).param("label", "Mine now"))
                .andExpect(status().isNotFound());
        assertThat(fields.listFor(other.clientId())).singleElement().extracting(CustomField::label).isEqualTo("Secret");
    }
}
