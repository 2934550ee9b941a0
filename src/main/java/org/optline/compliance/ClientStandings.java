package org.optline.compliance;

import java.util.List;
import java.util.UUID;
import org.optline.compliance.standing.StandingBook;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.springframework.stereotype.Service;

/**
 * A client's standing: its complaint, hard-bounce, unknown-user and unsubscribe rates over the last
 * {@value #WINDOW_DAYS} days and per campaign, judged against the thresholds of
 * {@link StandingProperties}, and how quickly its unsubscribes took effect. The standing monitor
 * pauses a client (and stops a campaign) that crosses a pause line on its own; this is where
 * everybody reads the figures (docs/compliance.md).
 */
@Service
public class ClientStandings {

    /** The rolling window of the client's rates, in UTC days, today included. */
    public static final int WINDOW_DAYS = 30;

    private final StandingBook book;
    private final Clients clients;
    private final StandingProperties settings;

    public ClientStandings(StandingBook book, Clients clients, StandingProperties settings) {
        this.book = book;
        this.clients = clients;
        this.settings = settings;
    }

    /**
     * The figures of one client, read in that client's scope only. For callers that already
     * checked who may see them (the operator's pages, the abuse desk); requests go through
     * {@link #own} or {@link #of}.
     */
    public StandingFigures figures(UUID clientId) {
        return book.figures(clientId);
    }

    /** The figures of the actor's own client (404 for operators, who act for none). */
    public StandingFigures own(Actor actor) {
        return figures(actor.requireClient());
    }

    /** An operator's look at one client (404 for anybody else, and for a client that does not exist). */
    public StandingFigures of(Actor operator, UUID clientId) {
        clients.get(operator, clientId);
        return figures(clientId);
    }

    /**
     * The level the standing monitor last acted on for a client ({@code ok}, {@code warn} or
     * {@code pause}); one key lookup, cheap enough for every page view.
     */
    public StandingLevel lastLevel(UUID clientId) {
        return book.lastLevel(clientId);
    }

    /** The thresholds the figures are judged against. */
    public StandingProperties thresholds() {
        return settings;
    }

    /** The newest standing alerts of every client, for the operator (404 for anybody else). */
    public List<StandingAlert> alerts(Actor operator, int limit) {
        operator.requireOperator();
        return book.alerts(limit);
    }

    /** The newest standing alerts about the actor's own client. */
    public List<StandingAlert> ownAlerts(Actor actor, int limit) {
        return book.clientAlerts(actor.requireClient(), limit);
    }
}
