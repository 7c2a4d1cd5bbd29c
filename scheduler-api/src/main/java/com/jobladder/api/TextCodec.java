package com.jobladder.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 text. Decoding is strict: a lenient decoder would hand the handler U+FFFD in place of bad bytes. */
final class TextCodec implements JobCodec<String> {
    static final TextCodec INSTANCE = new TextCodec();

    private TextCodec() {}

    @Override
    public String contentType() {
        return ContentTypes.TEXT;
    }

    @Override
    public byte[] encode(String payload) {
        return payload.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the payload is not valid UTF-8 (" + e + ")", e);
        }
    }

    @Override
    public String toString() {
        return "text codec (" + contentType() + ")";
    }
}
