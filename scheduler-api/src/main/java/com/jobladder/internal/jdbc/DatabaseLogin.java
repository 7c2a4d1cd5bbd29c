package com.jobladder.internal.jdbc;

/** Where and as whom the audit store connects: as configured, or as {@link EmbeddedH2} prepared it. */
record DatabaseLogin(String url, String user, String password) {
    @Override
    public String toString() {
        return "DatabaseLogin[" + url + " as " + user + ", password ***]";
    }
}
