package org.optline.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.CustomFields;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaigns;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.ValidationException;
import org.optline.segment.language.Operator;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Segment counts on a fixed data set, run on H2 and PostgreSQL: both must give exactly these
 * numbers. A second client holds the same people and must never be counted.
 */
abstract class SegmentContract {

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired CustomFields fields;
    @Autowired Subscribers subscribers;
    @Autowired Segments segments;
    @Autowired Campaigns campaigns;

    Actor admin;
    Actor twin;

    @BeforeEach
    void fixedDataSet() {
        admin = populate("Segmented");
        twin = populate("Twin"); // the same people for another client: never counted
    }

    private Actor populate(String name) {
        Actor actor = Fixtures.admin(Fixtures.client(clients, name));
        fields.create(actor, "country", null, "text");
        fields.create(actor, "age", null, "number");
        fields.create(actor, "signup_date", null, "date");
        fields.create(actor, "vip", null, "boolean");
        fields.create(actor, "interests", null, "multi");
        MailingList customers = lists.create(actor, new Lists.ListInput("Customers", null, "single"));
        MailingList news = lists.create(actor, new Lists.ListInput("Newsletter", null, "single"));
        add(actor, "ann@gmail.com", "Ann", "US", 34, "2026-01-10", true, List.of("shoes", "hats"), List.of(customers, news));
        add(actor, "bob@yahoo.com", "Bob", "CA", 52, "2025-06-01", false, List.of("shoes"), List.of(news));
        add(actor, "cid@gmail.com", "Cid O'Neil", "DE", 19, "2026-11-01", null, List.of("books"), List.of(customers));
        add(actor, "dee@web.de", "Dee", "US", 41, null, false, List.of(), List.of());
        add(actor, "eve@gmail.com", null, null, null, "2024-02-29", true, List.of("hats", "books", "shoes"), List.of(news));
        add(actor, "fay_x@outlook.com", "Fay 100%", "CA", 27, "2026-11-20", false, List.of("music"), List.of(customers));
        return actor;
    }

    private void add(Actor actor, String email, String name, String country, Integer age, String signup, Boolean vip,
                     List<String> interests, List<MailingList> on) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("country", country);
        values.put("age", age);
        values.put("signup_date", signup);
        values.put("vip", vip);
        values.put("interests", interests);
        subscribers.save(actor, new SubscriberInput(email, name, values, on.stream().map(MailingList::id).toList(), null), false);
    }

    private long count(String expression) {
        return segments.count(admin, expression, 0).count();
    }

    @Test
    void theBuilderOffersEngagementWithThisClientsCampaignsOnly() {
        campaign(admin, "Spring sale");
        campaign(admin, "Autumn sale");
        campaign(twin, "Twin secret");
        List<ConditionProvider.BuilderField> offered = segments.builderFields(admin);
        assertThat(offered).extracting(ConditionProvider.BuilderField::field).containsExactly("opened", "clicked", "received");
        assertThat(offered.get(2).operators()).containsExactly(Operator.CAMPAIGN, Operator.NEVER);
        assertThat(offered).allSatisfy(f -> assertThat(f.names()).containsExactlyInAnyOrder("Autumn sale", "Spring sale"));
        assertThat(segments.count(admin, "never opened and not received campaign \"Spring sale\"", 0).count()).isEqualTo(6);
    }

    private void campaign(Actor actor, String name) {
        MailingList list = lists.list(actor).get(0);
        campaigns.create(actor, new Campaigns.CampaignInput(name, "Hello", "", "Shop", "news@shop.example", "",
                "<p>Hi</p>", null, null, null, List.of(list.id())));
    }

    @Test
    void aLongChainOfConditionsCountsUpToTheLimitAndIsRefusedBeyondIt() {
        String fiveHundred = String.join(" or ", Collections.nCopies(499, "age = 1")) + " or age = 34";
        assertThat(segments.count(admin, fiveHundred, 0).count()).isEqualTo(1);
        assertThat(segments.count(admin, "vip is set and not (" + fiveHundred.substring(11) + ")", 0).count()).isEqualTo(4);
        String tooMany = String.join(" or ", Collections.nCopies(600, "age = 1"));
        assertThatThrownBy(() -> segments.count(admin, tooMany, 0)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("at most 500 conditions");
        assertThatThrownBy(() -> segments.create(admin, "Too many", tooMany)).isInstanceOf(ValidationException.class);
    }

    @Test
    void countsAreExactOnAFixedDataSet() {
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("country = \"US\"", 2L);
        expected.put("country != \"US\"", 4L);
        expected.put("country in [\"US\", \"CA\"]", 4L);
        expected.put("country not in [\"US\", \"CA\"]", 2L);
        expected.put("country is not set", 1L);
        expected.put("age >= 34", 3L);
        expected.put("age between 19 and 34", 3L);
        expected.put("age < 20 or age > 50", 2L);
        expected.put("signup_date > \"2026-01-01\"", 3L);
        expected.put("signup_date between \"2025-01-01\" and \"2026-01-10\"", 2L);
        expected.put("signup_date is set", 5L);
        expected.put("vip = true", 2L);
        expected.put("vip = false", 3L);
        expected.put("vip is not set", 1L);
        expected.put("interests has \"shoes\"", 3L);
        expected.put("interests has any [\"books\", \"music\"]", 3L);
        expected.put("interests has all [\"hats\", \"shoes\"]", 2L);
        expected.put("interests is not set", 1L);
        expected.put("in list \"Customers\"", 3L);
        expected.put("not in list \"Customers\"", 3L);
        expected.put("in list \"customers\" and in list \"Newsletter\"", 1L);
        expected.put("domain = \"gmail.com\"", 3L);
        expected.put("domain in [\"web.de\", \"YAHOO.com\"]", 2L);
        expected.put("email starts with \"FAY_\"", 1L);
        expected.put("email contains \"_\"", 1L);
        expected.put("name contains \"100%\"", 1L);
        expected.put("name contains \"'\"", 1L);
        expected.put("name is not set", 1L);
        expected.put("status = \"active\"", 6L);
        expected.put("subscribed >= today", 6L);
        expected.put("subscribed < 30 days ago", 0L);
        expected.put("country in [\"US\", \"CA\"] and interests has \"shoes\" and signup_date > 900 days ago "
                + "and not in list \"Customers\"", 1L);
        expected.put("(country = \"US\" or country = \"DE\") and not vip = true", 2L);
        Map<String, Long> actual = new LinkedHashMap<>();
        expected.keySet().forEach(e -> actual.put(e, count(e)));
        List<String> wrong = expected.keySet().stream().filter(e -> !expected.get(e).equals(actual.get(e)))
                .map(e -> e + " → " + actual.get(e) + " (expected " + expected.get(e) + ")").toList();
        assertThat(wrong).as("expressions with the wrong count").isEmpty();
    }

    @Test
    void severalValuesConditionsCountWhatTheSubscribersRecordsHold() {
        // The stored values as the subscriber records read them, and each condition decided here.
        Map<String, List<String>> held = new LinkedHashMap<>();
        for (String email : List.of("ann@gmail.com", "bob@yahoo.com", "cid@gmail.com", "dee@web.de", "eve@gmail.com",
                "fay_x@outlook.com")) {
            Object value = subscribers.findByEmail(admin, email).orElseThrow().fields().get("interests");
            @SuppressWarnings("unchecked")
            List<String> values = value == null ? List.of() : (List<String>) value;
            held.put(email, values);
        }
        assertThat(held.get("eve@gmail.com")).as("stored sorted").containsExactly("books", "hats", "shoes");
        assertThat(held.get("dee@web.de")).isEmpty();
        for (String v : List.of("shoes", "hats", "books", "music", "nothing", "Shoes")) {
            String q = "\"" + v + "\"";
            long has = held.values().stream().filter(vs -> vs.contains(v)).count();
            assertThat(count("interests has " + q)).as("has " + v).isEqualTo(has);
            // Without values (dee) is not among those who have it: unknown counts as false under not.
            assertThat(count("not interests has " + q)).as("not has " + v).isEqualTo(held.size() - has);
            long any = held.values().stream().filter(vs -> vs.contains(v) || vs.contains("music")).count();
            assertThat(count("interests has any [" + q + ", \"music\"]")).as("has any " + v).isEqualTo(any);
            assertThat(count("not interests has any [" + q + ", \"music\"]")).as("not has any " + v).isEqualTo(held.size() - any);
            long all = held.values().stream().filter(vs -> vs.contains(v) && vs.contains("shoes")).count();
            assertThat(count("interests has all [" + q + ", \"shoes\", " + q + "]")).as("has all " + v).isEqualTo(all);
        }
        long set = held.values().stream().filter(vs -> !vs.isEmpty()).count();
        assertThat(count("interests is set")).isEqualTo(set).isEqualTo(5);
        assertThat(count("not interests is set")).isEqualTo(held.size() - set);
    }

    @Test
    void injectionAttemptsInEveryValuePositionMatchNothingAndHarmNothing() {
        String[] attacks = {"'; drop table subscribers; --", "' or '1'='1", "\\\" or 1=1 --", "x') or true or ('"};
        for (String attack : attacks) {
            String v = "\"" + attack.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            assertThat(count("country = " + v)).isZero();
            assertThat(count("name contains " + v)).isZero();
            assertThat(count("email starts with " + v)).isZero();
            assertThat(count("domain in [" + v + "]")).isZero();
            assertThat(count("interests has any [" + v + ", \"nothing\"]")).isZero();
            assertThatThrownBy(() -> count("in list " + v)).isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> count("age > " + v)).isInstanceOf(ValidationException.class);
        }
        assertThat(count("status = \"active\"")).isEqualTo(6);
    }

    @Test
    void unknownFieldsWrongTypesAndOtherClientsListsAreErrorsBeforeAnythingRuns() {
        assertError("shoe_size = 9", "unknown field 'shoe_size'");
        assertError("age contains \"4\"", "'age' is a number field");
        assertError("age > \"forty\"", "expected a number");
        assertError("vip = \"yes\"", "expected true or false");
        assertError("signup_date > \"last week\"", "is a date");
        assertError("interests > 3", "several-values");
        assertError("status = \"happy\"", "status is one of");
        assertError("in list \"Someone else's list\"", "no list named");
        assertError("subscribed > 9000 years ago", "back to 1900");
        assertError("signup_date > 99999999 days ago", "back to 1900");
    }

    @Test
    void savedSegmentsKeepTheirExpressionAndCountLive() {
        Segment us = segments.create(admin, "Americans", "country = \"US\"");
        assertThat(segments.get(admin, us.id()).expression()).isEqualTo("country = \"US\"");
        assertThat(segments.count(admin, us.expression(), 5).sample()).extracting(s -> s.email())
                .containsExactlyInAnyOrder("ann@gmail.com", "dee@web.de");
        assertThatThrownBy(() -> segments.create(admin, "Broken", "country ="))
                .isInstanceOf(ValidationException.class).hasMessageContaining("column");
    }

    private void assertError(String expression, String message) {
        assertThatThrownBy(() -> count(expression)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors().get(0).message()).contains(message));
    }
}
