package io.kpbench.cluster.manifest;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Jackson's YAML parser with a shortcut for plain scalars that can only be strings: it skips SnakeYAML's
 * implicit-type resolver, which runs at least one regular expression per scalar: 11% of the CPU time of
 * tokenizing kubectl-style YAML.
 *
 * <p>The shortcut is exact, from SnakeYAML 2.x's resolver table: a non-empty plain scalar resolves to a string
 * when its first character starts none of the implicit types ({@code yYnNtTfFoO} bool, {@code -+0-9.} int and
 * float, {@code <} merge, {@code ~nN} null, {@code 0-9} timestamp, {@code !&*} yaml); when it starts only bool or
 * null but is longer than their longest word ({@code false}, 5); or when it is digits and two or more dots (an
 * IPv4 address: int and timestamp allow no dot, float at most one). Everything else takes Jackson's own path.
 */
final class PlainStringYamlParser extends YAMLParser {
    private static final String TYPED_FIRST_CHARS = "yYnNtTfFoO-+0123456789.<~!&*\0";
    private static final String BOOL_OR_NULL_FIRST_CHARS = "yYnNtTfFoO";
    private static final int LONGEST_BOOL_OR_NULL = 5;

    PlainStringYamlParser(IOContext ctxt, int parserFeatures, int yamlFeatures, LoaderOptions options,
            ObjectCodec codec, Reader reader) {
        super(ctxt, parserFeatures, yamlFeatures, options, codec, reader);
    }

    @Override
    protected JsonToken _decodeScalar(ScalarEvent scalar) throws IOException {
        String value = scalar.getValue();
        if (scalar.getTag() == null && scalar.getImplicit().canOmitTagInPlainScalar() && isString(value)) {
            _textValue = value;
            _cleanedTextValue = null;
            return JsonToken.VALUE_STRING;
        }
        return super._decodeScalar(scalar);
    }

    /** True when SnakeYAML's resolver would resolve the plain scalar {@code v} to {@code tag:yaml.org,2002:str}. */
    static boolean isString(String v) {
        if (v.isEmpty()) {
            return false;
        }
        char c = v.charAt(0);
        if (TYPED_FIRST_CHARS.indexOf(c) < 0) {
            return true;
        }
        if (BOOL_OR_NULL_FIRST_CHARS.indexOf(c) >= 0) {
            return v.length() > LONGEST_BOOL_OR_NULL;
        }
        int dots = 0;
        for (int i = 0; i < v.length(); i++) {
            char d = v.charAt(i);
            if (d == '.') {
                dots++;
            } else if (d < '0' || d > '9') {
                return false;
            }
        }
        return dots >= 2;
    }

    /** The factory of {@link PlainStringYamlParser}s; otherwise Jackson's {@link YAMLFactory}. */
    static final class Factory extends YAMLFactory {
        private static final long serialVersionUID = 1L;

        Factory(YAMLFactoryBuilder builder) {
            super(builder);
        }

        @Override
        protected YAMLParser _createParser(InputStream in, IOContext ctxt) throws IOException {
            return new PlainStringYamlParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec,
                    _createReader(in, null, ctxt));
        }

        @Override
        protected YAMLParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
            return new PlainStringYamlParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec,
                    _createReader(data, offset, len, null, ctxt));
        }
    }
}
