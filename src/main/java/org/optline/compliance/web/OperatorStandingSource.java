package org.optline.compliance.web;

import java.util.UUID;
import org.optline.compliance.ClientStandings;
import org.optline.compliance.StandingLevel;
import org.optline.platform.StandingFiguresSource;
import org.springframework.stereotype.Component;

/**
 * Gives the platform the client's standing: as JSON for the operator's client API
 * ({@code GET /api/v1/clients/{id}}), and as the level the layout's notice points out.
 */
@Component
class OperatorStandingSource implements StandingFiguresSource {

    private final ClientStandings standings;

    OperatorStandingSource(ClientStandings standings) {
        this.standings = standings;
    }

    @Override
    public Object figures(UUID clientId) {
        return StandingJson.of(standings.figures(clientId), standings.thresholds());
    }

    @Override
    public String notice(UUID clientId) {
        StandingLevel level = standings.lastLevel(clientId);
        return level == StandingLevel.WARN || level == StandingLevel.PAUSE ? level.wireName() : null;
    }
}
