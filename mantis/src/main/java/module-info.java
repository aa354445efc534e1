/** tao4j-mantis: the Mantis subnet miner and validator, their ledger, models and salience scoring. */
module io.tao4j.mantis {
    exports io.tao4j.mantis;
    exports io.tao4j.mantis.collect;
    exports io.tao4j.mantis.ledger;
    exports io.tao4j.mantis.miner;
    exports io.tao4j.mantis.model;
    exports io.tao4j.mantis.payload;
    exports io.tao4j.mantis.protocol;
    exports io.tao4j.mantis.salience;
    exports io.tao4j.mantis.salience.head;
    exports io.tao4j.mantis.salience.math;
    exports io.tao4j.mantis.salience.sybil;
    exports io.tao4j.mantis.validator;

    // No opens: the one class Jackson databind writes by reflection, ledger.LedgerStats (tao4j mantis ledger
    // stats --json), is a public record in an exported package, and its public accessors are enough.

    requires transitive io.tao4j.crypto;
    requires transitive io.tao4j.chain;
    requires transitive io.tao4j.drand;
    requires transitive com.fasterxml.jackson.databind;
    requires transitive java.sql;
    // MantisValidator.Builder.metrics(MeterRegistry): the registry type is part of the API
    requires transitive micrometer.core;
    requires micrometer.registry.prometheus;
    requires jdk.httpserver;
    requires java.net.http;
    requires java.management;
    requires jdk.management;
    requires org.slf4j;
    // SQLiteConfig is used directly (read-only connections); JDBC also finds the driver through java.sql
    requires org.xerial.sqlitejdbc;
    // AWS SDK v2 jars are automatic modules with a stable Automatic-Module-Name
    requires software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.regions;
}
