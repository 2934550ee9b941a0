package org.optline.segment.language;

/** An expression that cannot be parsed or does not fit the client's fields; says where and what was expected. */
public class SegmentSyntaxException extends RuntimeException {

    private final int column;

    public SegmentSyntaxException(int column, String message) {
        super("at column " + column + ": " + message);
        this.column = column;
    }

    public int column() {
        return column;
    }
}
