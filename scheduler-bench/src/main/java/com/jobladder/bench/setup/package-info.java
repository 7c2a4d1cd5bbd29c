/**
 * What a run stands on: the options every scenario shares and the broker they open (a private node, on a core of its
 * own or watched if asked), a private PostgreSQL database, a namespace of the broker's own, a temporary directory,
 * and the description of the machine printed above every table.
 */
package com.jobladder.bench.setup;
