package com.jobladder.example.spring;

import com.jobladder.handler.JobContext;
import com.jobladder.handler.TypedJobHandler;
import com.jobladder.spring.boot.HandlesJobs;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Runs greeting jobs in the embedded worker; keeps the names greeted, which the tests read. */
@Component
@HandlesJobs("greeting")
public class GreetingHandler implements TypedJobHandler<Greeting> {
    private static final Logger log = LoggerFactory.getLogger(GreetingHandler.class);

    private final List<String> greeted = new CopyOnWriteArrayList<>();

    @Override
    public void handle(Greeting greeting, JobContext job) {
        log.info("Hello, {} (job {})", greeting.name(), job.jobId());
        greeted.add(greeting.name());
    }

    /** The names greeted by this application so far. */
    public List<String> greeted() {
        return List.copyOf(greeted);
    }
}
