package io.parley.gateway.operations;

import io.parley.gateway.OperatorLog;

import java.sql.SQLException;

/** Parley's database could not be used at start: what to tell the operator, in one line. */
public class DatabaseUnreachable extends RuntimeException {

    public DatabaseUnreachable(String url, SQLException cause) {
        super("cannot reach the database " + OperatorLog.database(url) + " ("
              + (cause.getSQLState() == null ? "" : "SQLSTATE " + cause.getSQLState() + ": ")
              + oneLine(cause.getMessage()) + "); Parley does not start without it", cause);
    }

    private static String oneLine(String message) {
        return message == null ? "no reason given" : message.replaceAll("\\s+", " ").trim();
    }
}
