package com.jobladder.example.spring;

import com.jobladder.api.JobScheduler;
import com.jobladder.api.ScheduledJob;
import java.time.Duration;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /greetings?name=Ada&delay=PT10S}: schedules a greeting, answers its job id and due time. */
@RestController
public class GreetingController {
    private final JobScheduler scheduler;

    public GreetingController(JobScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @PostMapping("/greetings")
    public ScheduledJob greet(
            @RequestParam("name") String name, @RequestParam(name = "delay", defaultValue = "PT1S") Duration delay) {
        return scheduler.schedule(Greeting.JOB_TYPE.with(new Greeting(name)).after(delay));
    }
}
