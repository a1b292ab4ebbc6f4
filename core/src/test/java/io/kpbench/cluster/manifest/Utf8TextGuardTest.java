package io.kpbench.cluster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The guard accepts exactly what the JDK's strict UTF-8 decoder accepts, less NUL, and says where it stopped. */
class Utf8TextGuardTest {

    /** The reference: the JDK decoder with errors reported, and no NUL character. */
    private static boolean isText(byte[] b) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
            return s.indexOf('\0') < 0;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Reads {@code b} through a guard in reads of random sizes, single bytes included; true when it passed. */
    private static boolean passes(byte[] b, long seed) throws IOException {
        Random r = new Random(seed);
        try (InputStream in = new Utf8TextGuard(new ByteArrayInputStream(b))) {
            byte[] buf = new byte[64];
            while (true) {
                int n = r.nextInt(4) == 0 ? in.read() : in.read(buf, 0, 1 + r.nextInt(buf.length));
                if (n < 0) {
                    return true;
                }
            }
        } catch (Utf8TextGuard.NotUtf8TextException e) {
            return false;
        }
    }

    private static String message(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return assertThrows(Utf8TextGuard.NotUtf8TextException.class,
                () -> new Utf8TextGuard(new ByteArrayInputStream(b)).readAllBytes()).getMessage();
    }

    @Property(tries = 2000)
    void randomBytesPassExactlyWhenTheyAreUtf8TextWithoutNul(@ForAll("bytes") byte[] b,
            @ForAll @IntRange(max = 1000) int seed) throws IOException {
        assertEquals(isText(b), passes(b, seed));
    }

    @Property(tries = 500)
    void everyStringWithoutNulPasses(@ForAll String s, @ForAll @IntRange(max = 1000) int seed) throws IOException {
        String text = s.replace('\0', ' ');
        assertEquals(isText(text.getBytes(StandardCharsets.UTF_8)),
                passes(text.getBytes(StandardCharsets.UTF_8), seed));
    }

    /** Bytes near the edges of UTF-8's ranges: ASCII, continuation bytes, every lead byte, and NUL. */
    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<Byte> edge = Arbitraries.of(0x00, 0x0A, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0,
                0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFE, 0xFF)
                .map(Integer::byteValue);
        Arbitrary<Byte> any = Arbitraries.bytes();
        Arbitrary<Byte> ascii = Arbitraries.bytes().between((byte) 1, (byte) 0x7F);
        return Arbitraries.frequencyOf(
                Tuple.of(3, edge), Tuple.of(1, any), Tuple.of(3, ascii))
                .list().ofMaxSize(12).map(l -> {
                    byte[] b = new byte[l.size()];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = l.get(i);
                    }
                    return b;
                });
    }

    @Test
    void aBadByteIsPlacedByLineAndByColumnInCharacters() {
        assertEquals(Utf8TextGuard.NOT_TEXT + ": byte 0xE9 at line 2, column 3",
                message("ok\n\u00c3\u00a9\u00e2\u0082\u00ac\u00e9x\n"));
    }

    @Test
    void anOverlongFormASurrogateAndACodePointPastTheLastAreRefused() {
        for (String s : List.of("\u00c0\u00af", "\u00ed\u00a0\u0080", "\u00f4\u0090\u0080\u0080")) {
            assertEquals(Utf8TextGuard.NOT_TEXT + ": byte 0x" + Integer.toHexString(s.charAt(0)).toUpperCase()
                    + " at line 1, column 1", message(s));
        }
    }

    @Test
    void aNulIsRefusedThoughItIsValidUtf8() {
        assertEquals(Utf8TextGuard.NOT_TEXT + ": a NUL byte at line 1, column 3", message("ab\0"));
    }

    @Test
    void aCharacterCutOffByTheEndIsRefused() {
        assertEquals(Utf8TextGuard.NOT_TEXT + ": the input ends inside a character at line 1, column 2",
                message("a\u00e2\u0082"));
    }

    @Test
    void skippedBytesAreCheckedToo() {
        byte[] b = "abc\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(Utf8TextGuard.NotUtf8TextException.class,
                () -> new Utf8TextGuard(new ByteArrayInputStream(b)).skip(10));
    }
}
