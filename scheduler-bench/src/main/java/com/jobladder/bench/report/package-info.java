/** How figures leave a run: tables printed and written as CSV, lateness charts written as PNG. */
package com.jobladder.bench.report;
