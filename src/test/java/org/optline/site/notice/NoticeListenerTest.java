package org.optline.site.notice;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.site.PolicyPublished;

/** Only a material change is mailed, and only while the installation mails them. */
class NoticeListenerTest {

    private final NoticeRunner runner = mock(NoticeRunner.class);

    @Test
    void aMaterialChangeIsAnnouncedWhileMailIsOn() {
        PolicyPublished material = policy(true);
        new NoticeListener(runner, settings(true)).on(material);
        verify(runner).announce(material);
    }

    @Test
    void nothingIsAnnouncedForAMinorChangeOrWithMailOff() {
        new NoticeListener(runner, settings(true)).on(policy(false));
        new NoticeListener(runner, settings(false)).on(policy(true));
        verify(runner, never()).announce(any());
    }

    private static NoticeProperties settings(boolean mail) {
        return new NoticeProperties("Optline", "notices@optline.test", "1 Platform Way", mail);
    }

    private static PolicyPublished policy(boolean material) {
        return new PolicyPublished(UUID.randomUUID(), 2, material, "Shorter retention", OffsetDateTime.now(ZoneOffset.UTC));
    }
}
