package org.qaqpa.ops.admin;

import java.util.List;
import java.util.Map;

/**
 * The e-service applications kept by the sandbox's provider systems when a sandbox runs in the gateway's process
 * ({@code qaqpa run}, tests), for {@code GET /admin/applications} and the dashboard. The gateway itself keeps no
 * applications (it only carries their messages): without a sandbox there is no source, and the admin API says so.
 * Implemented by the sandbox and handed over by the composition root, so that ops never imports the sandbox.
 */
public interface ApplicationSource {

    /** Every application the provider systems keep now, in any order. */
    List<ApplicationView> applications();

    /** Per e-service (FILM_CERT, …): how many of its regulation steps took longer than their limit. */
    Map<String, Long> regulationBreaches();
}
