package org.optline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageErrorsTest {

    @Test
    void aFieldErrorReadsAsASentenceNamingTheFieldInWords() {
        assertThat(PageErrors.sentence(ValidationException.of("name", "is required"))).isEqualTo("Name is required.");
        assertThat(PageErrors.sentence(ValidationException.of("postalAddress", "is required")))
                .isEqualTo("Postal address is required.");
        assertThat(PageErrors.sentence(ValidationException.of("fields.loyalty_tier", "is not a number")))
                .isEqualTo("Loyalty tier is not a number.");
    }

    @Test
    void everyFieldErrorIsTold() {
        var e = new ValidationException(List.of(new ValidationException.FieldError("host", "is required"),
                new ValidationException.FieldError("port", "must be between 1 and 65535")));
        assertThat(PageErrors.sentence(e)).isEqualTo("Host is required. Port must be between 1 and 65535.");
    }

    @Test
    void aPageMayNameFieldsItsOwnWay() {
        assertThat(PageErrors.sentence(ValidationException.of("email", "is required"), Map.of("email", "Admin email")))
                .isEqualTo("Admin email is required.");
    }

    @Test
    void otherProblemsKeepTheirMessageEndingInAFullStop() {
        assertThat(PageErrors.sentence(new ConflictException("A list named 'News' already exists")))
                .isEqualTo("A list named 'News' already exists.");
        assertThat(PageErrors.sentence(new NotFoundException("Gone."))).isEqualTo("Gone.");
    }

    @Test
    void aCustomFieldIsNamedByItsLabel() {
        var labels = PageErrors.customFieldLabels(Map.of("vip", "VIP"));
        assertThat(PageErrors.sentence(ValidationException.of("fields.vip", "must be true or false"), labels))
                .isEqualTo("VIP must be true or false.");
    }

    @Test
    void aMessageThatIsASentenceOfItsOwnKeepsNoFieldPrefix() {
        assertThat(PageErrors.sentence(ValidationException.of("from domain", "Set up example.com as a sending domain")))
                .isEqualTo("Set up example.com as a sending domain.");
    }

    @Test
    void anUnnamedProblemStartsWithACapital() {
        assertThat(PageErrors.sentence(new ConflictException("password is too common"))).isEqualTo("Password is too common.");
    }
}
