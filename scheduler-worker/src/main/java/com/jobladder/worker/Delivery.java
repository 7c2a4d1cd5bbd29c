package com.jobladder.worker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;

/**
 * One message as the consumer received it. Its tag belongs to {@code channel}: it is settled
 * there or not at all (a channel that closed has given its deliveries back to the queue).
 */
record Delivery(Channel channel, long tag, AMQP.BasicProperties properties, byte[] body, boolean redelivered) {
}
