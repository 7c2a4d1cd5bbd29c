package com.jobladder.worker;

import com.rabbitmq.client.AMQP;

/** One message as the consumer received it. */
record Delivery(long tag, AMQP.BasicProperties properties, byte[] body, boolean redelivered) {
}
