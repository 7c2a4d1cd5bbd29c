package com.jobladder.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {
    @Test
    void thisProcessesCpuIsReadAndGrowsWithWork() {
        long pid = ProcessHandle.current().pid();
        long before = ProcessCpu.ofPid(pid);
        long spin = System.nanoTime() + 200_000_000L;
        double sink = 0;
        while (System.nanoTime() < spin) {
            sink += Math.sqrt(sink + 1);
        }

        assertThat(sink).isPositive();
        assertThat(before).isPositive();
        assertThat(ProcessCpu.ofPid(pid))
                .as("100 ms or more of CPU in ticks of 10 ms")
                .isGreaterThan(before);
    }

    @Test
    void aProcessThatIsGoneReadsAsUnknown() {
        assertThat(ProcessCpu.ofPid(Long.MAX_VALUE)).isEqualTo(-1);
    }

    @Test
    void theMachineAndPostgresqlAreRead() {
        assertThat(ProcessCpu.ofMachine()).isPositive();
        assertThat(ProcessCpu.ofPostgres())
                .as("the shared PostgreSQL is running")
                .isPositive();
    }
}
