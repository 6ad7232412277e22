package io.jenkins.plugins.kargo.promotion.files;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * How a value is written into YAML text so that it reads back as the same value. A string stays unquoted when a
 * YAML 1.1 reader (Helm's, kustomize's) would read it back as that very string, and is quoted otherwise: {@code 1.0},
 * {@code true}, {@code yes}, {@code null} or {@code 2024-01-01} would otherwise change type, as Kargo's
 * {@code QuoteIfNecessary} guards against. Where the value replaces a quoted one, the file's quoting is kept.
 */
public final class YamlScalar {

    private YamlScalar() {
    }

    /** A string in the plainest form that reads back as itself. */
    public static String string(String value) {
        return readsBackAsString(value) ? value : doubleQuoted(value);
    }

    /**
     * {@code value} written in place of a scalar of style {@code style}: strings keep the quotes they replace,
     * other JSON values are written as JSON, which YAML reads as the same number, boolean, null, list or object.
     *
     * @param inFlow whether the scalar stands inside {@code [...]} or {@code {...}}, where {@code ,[]{}} end a plain value
     */
    public static String value(JsonNode value, ScalarStyle style, boolean inFlow) {
        if (!value.isTextual()) {
            return value.toString();
        }
        String text = value.asText();
        return switch (style) {
            case DOUBLE_QUOTED -> doubleQuoted(text);
            case SINGLE_QUOTED -> text.chars().anyMatch(Character::isISOControl) ? doubleQuoted(text)
                    : "'" + text.replace("'", "''") + "'";
            default -> inFlow && text.chars().anyMatch(c -> ",[]{}".indexOf(c) >= 0) ? doubleQuoted(text) : string(text);
        };
    }

    /** JSON's escapes are all valid in YAML's double quotes. */
    private static String doubleQuoted(String value) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }

    private static boolean readsBackAsString(String value) {
        if (value.isEmpty() || !value.strip().equals(value) || value.chars().anyMatch(Character::isISOControl)) {
            return false;
        }
        try {
            Node node = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(value));
            return node instanceof ScalarNode scalar && scalar.getScalarStyle() == ScalarStyle.PLAIN
                    && scalar.getTag().equals(Tag.STR) && scalar.getValue().equals(value);
        } catch (YAMLException e) {
            return false;
        }
    }
}
