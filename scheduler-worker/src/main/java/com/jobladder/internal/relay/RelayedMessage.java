package com.jobladder.internal.relay;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.ContentHeaderPropertyWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A message as its producer published it, carried as the payload of a relay job: the target
 * exchange, the routing key, the properties in AMQP's own encoding (so every header type arrives
 * as it was sent) and the body. {@code refusal} is set when the relay took the message in but
 * must not deliver it (its {@code x-delay} was malformed): the job then ends dead with it.
 */
record RelayedMessage(String target, String routingKey, AMQP.BasicProperties properties, byte[] body, String refusal) {
    /** Marks the format, so that a payload of another kind is refused with a clear reason, not misread. */
    private static final int MAGIC = 0x4a4c5231; // "JLR1"

    /** The content type of a relay job's payload. */
    static final String CONTENT_TYPE = "application/vnd.jobladder.relayed-message";

    /** Whether two sets of properties encode to the same bytes on the wire. */
    static boolean sameProperties(AMQP.BasicProperties one, AMQP.BasicProperties other) {
        return Arrays.equals(encoded(one), encoded(other));
    }

    private static byte[] encoded(AMQP.BasicProperties properties) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            properties.writePropertiesTo(new ContentHeaderPropertyWriter(out));
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 512);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeUTF(target);
            out.writeUTF(routingKey);
            out.writeUTF(refusal == null ? "" : refusal);
            // What AMQP.BasicProperties(DataInputStream) reads first: the content header's weight and body size.
            out.writeShort(0);
            out.writeLong(body.length);
            properties.writePropertiesTo(new ContentHeaderPropertyWriter(out));
            out.write(body);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    /** Reads a payload {@link #encode} wrote, or throws saying what is wrong with it. */
    static RelayedMessage decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        if (payload.length < 4 || in.readInt() != MAGIC) {
            throw new IOException(
                    "not a relayed message: expected a payload written by the relay (" + CONTENT_TYPE + ")");
        }
        String target = in.readUTF();
        String routingKey = in.readUTF();
        String refusal = in.readUTF();
        AMQP.BasicProperties properties = new AMQP.BasicProperties(in);
        int offset = payload.length - in.available();
        return new RelayedMessage(
                target,
                routingKey,
                properties,
                Arrays.copyOfRange(payload, offset, payload.length),
                refusal.isEmpty() ? null : refusal);
    }
}
