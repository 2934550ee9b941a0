package org.optline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.quicktheories.QuickTheory.qt;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.optline.test.Texts;

/** The sealing of secrets at rest: AES-256-GCM, bound to a context, naming the key it needs. */
class SecretBoxTest {

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    private final SecretBox box = new SecretBox(key(1));

    @Test
    void whatIsSealedOpensAsItWas() {
        qt().withExamples(300).forAll(Texts.any(), Texts.any()).checkAssert((secret, context) -> {
            String sealed = box.seal(context, secret);
            assertThat(SecretBox.isSealed(sealed)).isTrue();
            assertThat(box.open(context, sealed)).isEqualTo(secret);
        });
    }

    @Test
    void theSameSecretSealsDifferentlyEachTime() {
        assertThat(box.seal("here", "same secret")).isNotEqualTo(box.seal("here", "same secret"));
    }

    @Test
    void aSealedValueOpensOnlyForItsOwnContext() {
        String sealed = box.seal("sending_domains.private_key:1", "the key");
        assertThatThrownBy(() -> box.open("sending_domains.private_key:2", sealed))
                .isInstanceOf(SecretBox.UnreadableSecret.class).hasMessageContaining("another place")
                .hasMessageNotContaining("the key");
    }

    @Test
    void anAlteredValueDoesNotOpen() {
        String sealed = box.seal("here", "a secret of some length");
        int colon = sealed.lastIndexOf(':');
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(colon + 1));
        bytes[bytes.length / 2] ^= 1;
        String altered = sealed.substring(0, colon + 1) + Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> box.open("here", altered)).isInstanceOf(SecretBox.UnreadableSecret.class);
        assertThatThrownBy(() -> box.open("here", sealed.substring(0, colon + 5)))
                .isInstanceOf(SecretBox.UnreadableSecret.class);
        assertThatThrownBy(() -> box.open("here", "sealed:v1:" + box.keyId() + ":not base64!"))
                .isInstanceOf(SecretBox.UnreadableSecret.class);
        assertThatThrownBy(() -> box.open("here", "in the clear")).isInstanceOf(SecretBox.UnreadableSecret.class);
    }

    @Test
    void anotherKeySaysWhichKeyTheValueNeeds() {
        SecretBox other = new SecretBox(key(2));
        String sealed = box.seal("here", "secret");
        assertThat(other.keyId()).isNotEqualTo(box.keyId()).hasSize(8);
        assertThatThrownBy(() -> other.open("here", sealed)).isInstanceOf(SecretBox.UnreadableSecret.class)
                .hasMessageContaining(box.keyId()).hasMessageContaining(other.keyId()).hasMessageContaining("OPTLINE_SECRETS_KEY");
    }

    @Test
    void aColumnFromBeforeSealingReadsAsStoredUntilSealed() {
        assertThat(box.openIfSealed("here", null)).isNull();
        assertThat(box.openIfSealed("here", "in the clear")).isEqualTo("in the clear");
        assertThat(box.openIfSealed("here", box.seal("here", "sealed"))).isEqualTo("sealed");
    }

    @Test
    void onlyA256BitKeyIsTaken() {
        assertThatThrownBy(() -> new SecretBox(new byte[16])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }
}
