package org.optline.compliance.standing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnknownUsersTest {

    @Test
    void theMailboxStatusesAreUnknownUsers() {
        assertThat(UnknownUsers.is("5.1.1", null)).isTrue();
        assertThat(UnknownUsers.is("5.1.0", null)).isTrue();
        assertThat(UnknownUsers.is("5.1.10", null)).isTrue();
    }

    @Test
    void otherStatusesAreNot() {
        assertThat(UnknownUsers.is("5.2.2", "mailbox full")).isFalse();
        assertThat(UnknownUsers.is("5.1.2", null)).isFalse();
        assertThat(UnknownUsers.is("5.7.1", "550 5.7.1 rejected by policy")).isFalse();
        assertThat(UnknownUsers.is("5.1.100", null)).isFalse();
        assertThat(UnknownUsers.is(null, null)).isFalse();
    }

    @Test
    void aReplyInWordsOrWithTheStatusInsideCounts() {
        assertThat(UnknownUsers.is(null, "550 5.1.1 <ann@example.com>: Recipient address rejected")).isTrue();
        assertThat(UnknownUsers.is(null, "550 User unknown in virtual mailbox table")).isTrue();
    }
}
