package dev.openaccess.core.openness;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * An SPDX licence expression: licence ids joined by {@code AND} and {@code OR}, grouped by parentheses, an id
 * possibly modified {@code WITH} an exception. A text without operators is one licence, whatever it contains (a
 * licence name such as "Llama 2 Community License Agreement").
 */
public sealed interface LicenseExpression {

    /** One licence, with the exception that modifies it or null. */
    record Id(String id, String exception) implements LicenseExpression {
    }

    /** Both apply. */
    record And(LicenseExpression left, LicenseExpression right) implements LicenseExpression {
    }

    /** Either may be chosen. */
    record Or(LicenseExpression left, LicenseExpression right) implements LicenseExpression {
    }

    /**
     * Folds the expression: {@code leaf} for each licence, {@code and} and {@code or} to combine.
     */
    default <T> T fold(Function<Id, T> leaf, BinaryOperator<T> and, BinaryOperator<T> or) {
        if (this instanceof Id id) {
            return leaf.apply(id);
        }
        if (this instanceof And both) {
            return and.apply(both.left().fold(leaf, and, or), both.right().fold(leaf, and, or));
        }
        Or either = (Or) this;
        return or.apply(either.left().fold(leaf, and, or), either.right().fold(leaf, and, or));
    }

    /**
     * Parses {@code text}; a text that is no well-formed expression is one licence named by the whole text.
     */
    static LicenseExpression parse(String text) {
        String trimmed = text.trim();
        List<String> tokens = new ArrayList<>();
        for (String word : trimmed.replace("(", " ( ").replace(")", " ) ").trim().split("\\s+")) {
            if (!word.isEmpty()) {
                tokens.add(word);
            }
        }
        boolean operators = tokens.stream().anyMatch(t -> List.of("AND", "OR", "WITH", "(", ")").contains(t));
        if (!operators) {
            return new Id(trimmed, null);
        }
        try {
            Parser parser = new Parser(tokens);
            LicenseExpression expression = parser.expression();
            if (parser.position != tokens.size()) {
                throw new IllegalArgumentException("unexpected '" + tokens.get(parser.position) + "'");
            }
            return expression;
        } catch (IllegalArgumentException e) {
            return new Id(trimmed, null);
        }
    }

    /** expression := term (OR term)*; term := factor (AND factor)*; factor := ( expression ) | id [WITH id]. */
    final class Parser {
        private final List<String> tokens;
        private int position;

        private Parser(List<String> tokens) {
            this.tokens = tokens;
        }

        private LicenseExpression expression() {
            LicenseExpression result = term();
            while (accept("OR")) {
                result = new Or(result, term());
            }
            return result;
        }

        private LicenseExpression term() {
            LicenseExpression result = factor();
            while (accept("AND")) {
                result = new And(result, factor());
            }
            return result;
        }

        private LicenseExpression factor() {
            if (accept("(")) {
                LicenseExpression inner = expression();
                if (!accept(")")) {
                    throw new IllegalArgumentException("missing ')'");
                }
                return inner;
            }
            String id = next();
            String exception = accept("WITH") ? next() : null;
            return new Id(id, exception);
        }

        private String next() {
            if (position >= tokens.size() || List.of("AND", "OR", "WITH", "(", ")").contains(tokens.get(position))) {
                throw new IllegalArgumentException("a licence id is missing");
            }
            return tokens.get(position++);
        }

        private boolean accept(String token) {
            if (position < tokens.size() && tokens.get(position).equals(token)) {
                position++;
                return true;
            }
            return false;
        }
    }
}
