package com.jobladder.api;

/** Payload bytes as they are; each side gets a copy, so neither can change the other's. */
final class BytesCodec implements JobCodec<byte[]> {
    static final BytesCodec INSTANCE = new BytesCodec();

    private BytesCodec() {}

    @Override
    public String contentType() {
        return JobRequest.DEFAULT_CONTENT_TYPE;
    }

    @Override
    public byte[] encode(byte[] payload) {
        return payload.clone();
    }

    @Override
    public byte[] decode(byte[] bytes) {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "bytes codec (" + contentType() + ")";
    }
}
