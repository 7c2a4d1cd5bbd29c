package com.jobladder.example.spring;

import com.jobladder.api.JobType;

/** The payload of a greeting job, sent as JSON. */
public record Greeting(String name) {
    /** The job type the controller schedules and {@link GreetingHandler} runs. */
    public static final JobType<Greeting> JOB_TYPE = JobType.json("greeting", Greeting.class);
}
