package org.optline.compliance.termination;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.Client;
import org.optline.platform.Clients;
import org.optline.platform.DataDirectory;
import org.optline.platform.SiteProperties;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.platform.TransactionalMail;
import org.optline.platform.User;
import org.optline.platform.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The background half of termination, on every node: writes due exports and mails their link to
 * the client's admins, purges clients whose export window is over (or whose purge the operator
 * asked for), and deletes export files whose window is over. A node takes a job with a lease, so
 * two nodes never work on one; the state is in the database, so a node that dies mid-way leaves the
 * job for the next run (an export is written again from the start; a purge goes on where it was).
 */
@Component
public class TerminationWorker {

    private static final Logger log = LoggerFactory.getLogger(TerminationWorker.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final TerminationStore store;
    private final Terminations terminations;
    private final ExportArchive archive;
    private final Purger purger;
    private final Clients clients;
    private final Users users;
    private final TransactionalMail mail;
    private final DataDirectory data;
    private final SiteProperties site;
    private final TenantScope scope;
    private final AuditLog audit;
    private final TerminationProperties settings;
    private final Clock clock;

    TerminationWorker(TerminationStore store, Terminations terminations, ExportArchive archive, Purger purger, Clients clients, Users users,
                      TransactionalMail mail, DataDirectory data, SiteProperties site, TenantScope scope, AuditLog audit,
                      TerminationProperties settings, Clock clock) {
        this.store = store;
        this.terminations = terminations;
        this.archive = archive;
        this.purger = purger;
        this.clients = clients;
        this.users = users;
        this.mail = mail;
        this.data = data;
        this.site = site;
        this.scope = scope;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${optline.termination.poll:1m}", initialDelayString = "${optline.termination.poll:1m}")
    void onSchedule() {
        runDue();
    }

    /** Works through every job with work due now; answers how many it worked on. */
    public int runDue() {
        catchUp();
        int worked = 0;
        for (UUID clientId : scope.asPlatform(() -> store.due(Times.now(clock)))) {
            OffsetDateTime now = Times.now(clock);
            if (!scope.asPlatform(() -> store.claim(clientId, now, now.plus(settings.lease())))) {
                continue;
            }
            worked++;
            try {
                advance(clientId);
                scope.asPlatform(() -> store.release(clientId, Times.now(clock)));
            } catch (RuntimeException e) {
                log.error("Termination of client {} failed; it is tried again later", clientId, e);
                OffsetDateTime at = Times.now(clock);
                String error = String.valueOf(e.getMessage());
                scope.asPlatform(() -> store.failed(clientId, error.length() > 2000 ? error.substring(0, 2000) : error,
                        at.plus(settings.poll().multipliedBy(5)), at));
            }
        }
        return worked;
    }

    /**
     * A client terminated without a job: the listener that records one runs after the status
     * change has committed, so a failure there (the database gone for a moment) would leave the
     * client terminated with its data never exported or purged. Each round records the job it
     * lacks; the reason is in the audit log's {@code client.terminated} entry.
     */
    private void catchUp() {
        for (UUID clientId : clients.terminated()) {
            if (scope.asPlatform(() -> store.find(clientId)).isEmpty()) {
                log.warn("Client {} is terminated but its termination was never begun; beginning it now", clientId);
                terminations.begin(clientId, "(recorded late: the reason is in the audit log's client.terminated entry)");
            }
        }
    }

    /** Takes one job as far as it can go now. */
    private void advance(UUID clientId) {
        TerminationJob job = job(clientId);
        if (job.state() == TerminationState.EXPORTING) {
            export(job);
            job = job(clientId);
        }
        OffsetDateTime now = Times.now(clock);
        if (job.state() == TerminationState.EXPORT_READY
                && (job.purgeRequestedAt() != null || !now.isBefore(job.exportExpiresAt()))) {
            if (scope.asPlatform(() -> store.move(clientId, TerminationState.EXPORT_READY, TerminationState.PURGING, now))) {
                audit.record(Actor.system("termination"), clientId, "termination.purge_started", "client:" + clientId,
                        job.purgeRequestedAt() != null ? "asked for by the operator" : "the export window is over");
            }
            job = job(clientId);
        }
        if (job.state() == TerminationState.PURGING) {
            purger.purge(clientId);
            if (scope.asPlatform(() -> store.move(clientId, TerminationState.PURGING, TerminationState.PURGED, Times.now(clock)))) {
                TerminationJob done = job(clientId);
                audit.record(Actor.system("termination"), clientId, "termination.purged", "client:" + clientId,
                        done.purgedRows() + " rows deleted");
            }
            job = job(clientId);
        }
        if (job.state() == TerminationState.PURGED && job.exportFile() != null && job.exportDeletedAt() == null
                && !Times.now(clock).isBefore(job.exportExpiresAt())) {
            deleteExport(job);
        }
    }

    private void export(TerminationJob job) {
        UUID clientId = job.clientId();
        Client client = clients.profile(clientId).orElseThrow(() -> new IllegalStateException("No client " + clientId));
        OffsetDateTime now = Times.now(clock);
        String fileName = "optline-export-" + clientId + "-" + STAMP.format(now) + ".zip";
        Path dir = data.forClient(Terminations.AREA, clientId);
        ExportArchive.Written written = archive.write(clientId, client.name(), now, dir.resolve(fileName));
        String token = Terminations.newToken();
        List<String> admins = users.enabledAdminsOf(clientId).stream().map(User::email).toList();
        OffsetDateTime ready = Times.now(clock);
        OffsetDateTime expires = ready.plus(settings.exportWindow());
        String mailedTo = String.join(", ", admins);
        // The state and the mail in one transaction: the outbox holds the message once the link it carries is stored.
        scope.asPlatform(() -> {
            store.exported(clientId, fileName, written, Terminations.hash(token), mailedTo.length() > 2000
                    ? mailedTo.substring(0, 2000) : mailedTo, ready, expires);
            for (String admin : admins) {
                mail.send(new TransactionalMail.Message(null, "termination-export", "Optline", admin,
                        "Your data export from Optline: " + client.name(), mailText(client, token, written, expires), null));
            }
        });
        audit.record(Actor.system("termination"), clientId, "termination.exported", "client:" + clientId,
                written.tables() + " tables, " + written.rows() + " rows, " + written.bytes() + " bytes, sha256 "
                        + written.sha256() + "; link mailed to " + admins.size() + " admin(s)");
        // An export written before a crash under another name is not needed any more.
        deleteOthers(dir, fileName);
    }

    private String mailText(Client client, String token, ExportArchive.Written written, OffsetDateTime expires) {
        return "Hello,\n\n"
                + "the Optline account of " + client.name() + " has been terminated by the operator, and you can no longer\n"
                + "log in. A full export of the account's data is ready for you:\n\n"
                + site.baseUrl() + "/termination-exports/" + token + "\n\n"
                + "It is a zip file (" + written.bytes() + " bytes) with a CSV and a JSON file for each of "
                + written.tables() + " tables (" + written.rows() + " rows in all),\n"
                + "a manifest.json that lists them, and SHA256SUMS to check every file (sha256sum -c SHA256SUMS).\n"
                + "SHA-256 of the zip itself: " + written.sha256() + "\n\n"
                + "The link works until " + expires.toLocalDate() + " " + expires.toLocalTime().withNano(0) + " UTC. After that the account's\n"
                + "data is deleted for good. Anyone with the link can download the export: keep it to yourself.\n";
    }

    private void deleteExport(TerminationJob job) {
        Path file = data.forClient(Terminations.AREA, job.clientId()).resolve(job.exportFile());
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot delete " + file, e);
        }
        scope.asPlatform(() -> store.exportDeleted(job.clientId(), Times.now(clock)));
        audit.record(Actor.system("termination"), job.clientId(), "termination.export_deleted", "client:" + job.clientId(),
                "the export window is over");
    }

    private void deleteOthers(Path dir, String keep) {
        try (var files = Files.list(dir)) {
            for (Path other : files.filter(p -> !p.getFileName().toString().equals(keep)).toList()) {
                Files.deleteIfExists(other);
            }
        } catch (IOException e) {
            log.warn("Cannot tidy {}", dir, e);
        }
    }

    private TerminationJob job(UUID clientId) {
        return scope.asPlatform(() -> store.find(clientId)).orElseThrow(() -> new IllegalStateException("No termination of " + clientId));
    }
}
