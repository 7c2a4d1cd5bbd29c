"""Publishes delayed messages with pika as the migration guide shows, for PikaProducerTest.

Usage: pika_producer.py HOST PORT EXCHANGE COUNT
Prints one line per message once the broker confirmed it: index, wall-clock ms before the
publish, the delay asked for in ms, and the body in hex.
"""
import os
import random
import sys
import time

import pika

host, port, exchange, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
connection = pika.BlockingConnection(pika.ConnectionParameters(host, port))
channel = connection.channel()
channel.confirm_delivery()  # basic_publish raises if the broker nacks or returns
rng = random.Random(25)
for i in range(count):
    body = os.urandom(rng.randrange(0, 300))
    delay = rng.randrange(500, 5000)
    # Integers and decimal text: both are what producers send.
    x_delay = delay if i % 2 == 0 else str(delay)
    sent = int(time.time() * 1000)
    channel.basic_publish(
        exchange=exchange,
        routing_key="pika.%d" % i,
        body=body,
        properties=pika.BasicProperties(
            content_type="application/octet-stream",
            delivery_mode=2,
            message_id="pika-%d" % i,
            headers={"x-delay": x_delay, "index": i},
        ),
        mandatory=True,
    )
    print(i, sent, delay, body.hex(), flush=True)
connection.close()
