package io.kpigrpc.client;

import java.util.List;

/** An import stream that did not acknowledge every batch as sent. */
public final class ImportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<Long> acknowledgedBatchIds;

    ImportException(String message, List<Long> acknowledgedBatchIds, Throwable cause) {
        super(message, cause);
        this.acknowledgedBatchIds = List.copyOf(acknowledgedBatchIds);
    }

    /** The batch ids acknowledged, in order, before the failure: a job resumes after the last. */
    public List<Long> acknowledgedBatchIds() {
        return acknowledgedBatchIds;
    }
}
