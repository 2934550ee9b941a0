package org.optline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlLikeTest {

    @Test
    void wildcardsAndTheEscapeCharacterBecomeLiteral() {
        assertThat(SqlLike.escape("50%_off\\now")).isEqualTo("50\\%\\_off\\\\now");
        assertThat(SqlLike.escape("plain@example.org")).isEqualTo("plain@example.org");
    }
}
