package io.berth.server.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses text that Berth cannot store as it was sent, in every request body and request part, before
 * any controller sees it: U+0000 (PostgreSQL's text refuses it, which ended in a 500 or a false "exists
 * already") and unpaired surrogates, sent as a JSON escape of U+D800 to U+DFFF without its pair (not
 * Unicode text; they were stored as {@code ?}). Every string is looked at: fields, map keys and values,
 * list items, JSON trees.
 * The answer is one 400 listing the fields at fault; the text itself is never quoted back.
 *
 * <p>The check runs where bodies are read, once for all endpoints, so that no endpoint can forget it.
 */
@ControllerAdvice
public class TextInputRules extends RequestBodyAdviceAdapter {

    static final String NUL = "must not contain U+0000 (NUL): Berth cannot store it";
    static final String LONE_SURROGATE = "holds an unpaired UTF-16 surrogate (such as \\ud800), which is not Unicode text";
    private static final int MAX_REPORTED = 20;

    private final JsonMapper json;

    public TextInputRules(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converter) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converter) {
        RequestPart part = parameter.getParameterAnnotation(RequestPart.class);
        String root = part == null ? "" : !part.name().isEmpty() ? part.name() : String.valueOf(parameter.getParameterName());
        List<FieldProblem> problems = new ArrayList<>();
        check(body, root, problems);
        if (!problems.isEmpty()) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "The request holds text Berth cannot store: "
                    + problems.get(0).field() + " " + problems.get(0).message()
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more, see errors)" : ""), problems);
        }
        return body;
    }

    private void check(Object value, String path, List<FieldProblem> problems) {
        if (value == null || problems.size() >= MAX_REPORTED || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value instanceof byte[]) {
            return;
        }
        if (value instanceof CharSequence text) {
            checkText(text, path, problems);
        } else if (value instanceof JsonNode node) {
            checkNode(node, path, problems);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> {
                String keyPath = child(path, String.valueOf(key));
                if (key instanceof CharSequence text) {
                    checkKey(text, keyPath, problems);
                }
                check(item, keyPath, problems);
            });
        } else if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                check(item, path + "[" + i++ + "]", problems);
            }
        } else if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                check(Array.get(value, i), path + "[" + i + "]", problems);
            }
        } else if (value instanceof Optional<?> optional) {
            optional.ifPresent(item -> check(item, path, problems));
        } else if (value.getClass().isRecord()) {
            checkRecord(value, path, problems);
        } else if (!value.getClass().getName().startsWith("java.")) {
            checkNode(json.valueToTree(value), path, problems);
        }
    }

    private void checkRecord(Object value, String path, List<FieldProblem> problems) {
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
            String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
            try {
                component.getAccessor().setAccessible(true);
                check(component.getAccessor().invoke(value), child(path, name), problems);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                // a record whose accessor cannot be called: look at it as Jackson writes it
                checkNode(json.valueToTree(value), path, problems);
                return;
            }
        }
    }

    private void checkNode(JsonNode node, String path, List<FieldProblem> problems) {
        if (node.isString()) {
            checkText(node.asString(), path, problems);
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String keyPath = child(path, property.getKey());
                checkKey(property.getKey(), keyPath, problems);
                checkNode(property.getValue(), keyPath, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkNode(node.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private static void checkText(CharSequence text, String path, List<FieldProblem> problems) {
        String fault = fault(text);
        if (fault != null && problems.size() < MAX_REPORTED) {
            problems.add(new FieldProblem(path.isEmpty() ? "body" : path, fault));
        }
    }

    private static void checkKey(CharSequence key, String path, List<FieldProblem> problems) {
        String fault = fault(key);
        if (fault != null && problems.size() < MAX_REPORTED) {
            problems.add(new FieldProblem(path, "the key " + fault));
        }
    }

    /** What is wrong with the text, or null when Berth can store it. */
    static String fault(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return NUL;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return LONE_SURROGATE;
            }
        }
        return null;
    }

    /** The path of a member, with the characters at fault written as escapes so the answer never holds them. */
    private static String child(String parent, String name) {
        StringBuilder safe = new StringBuilder(parent.isEmpty() ? "" : parent + ".");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || Character.isSurrogate(c)) {
                safe.append(String.format("\\u%04x", (int) c));
            } else {
                safe.append(c);
            }
        }
        return safe.toString();
    }
}
