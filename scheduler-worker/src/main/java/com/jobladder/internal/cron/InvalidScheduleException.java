package com.jobladder.internal.cron;

import com.jobladder.api.InvalidRequestException;
import java.util.List;
import java.util.stream.Collectors;

/** A schedule breaks the rules of {@code conf/schedules.conf}; {@link #problems()} says which setting and why. */
public final class InvalidScheduleException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;

    private final transient List<ScheduleProblem> problems;

    public InvalidScheduleException(String where, List<ScheduleProblem> problems) {
        super(where + ": " + problems.stream().map(ScheduleProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<ScheduleProblem> problems() {
        return problems;
    }
}
