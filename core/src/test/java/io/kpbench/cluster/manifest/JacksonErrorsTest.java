package io.kpbench.cluster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A library message that talks about Java never reaches the user; one that talks about the input does. */
class JacksonErrorsTest {
    private static String line(IOException e) {
        return JacksonErrors.translate(e, 1, "Node", null).render("f.yaml", 0, 0).getMessage();
    }

    @Test
    void aMappingMessageNamingJavaIsReplacedByAPlainReason() {
        JsonMappingException e = JsonMappingException.from((com.fasterxml.jackson.core.JsonParser) null,
                "Cannot invoke \"com.fasterxml.jackson.core.ObjectCodec.readTree(JsonParser)\" because \"oc\" is null");
        e.prependPath(new JsonMappingException.Reference(null, "cpu"));
        e.prependPath(new JsonMappingException.Reference(null, "capacity"));
        assertEquals("f.yaml: Node in document 1: capacity.cpu: cannot be read as this field", line(e));
    }

    @Test
    void anIoMessageNamingAnExceptionIsReplacedByAPlainReason() {
        assertEquals("f.yaml: Node in document 1: cannot read: an input/output error",
                line(new IOException("java.io.CharConversionException: Invalid UTF-8 middle byte 0x44")));
    }

    @Test
    void aMessageAboutTheInputIsKept() {
        assertEquals("port 99999 is too large", JacksonErrors.userText("port 99999 is too large", "plain"));
        assertEquals("plain", JacksonErrors.userText("Cannot deserialize value of type `java.lang.String`", "plain"));
    }
}
