package org.qaqpa.error;

import java.util.Objects;
import java.util.Optional;

/**
 * Another system's error as its {@code ErrorInfo} stated it, relayed to the caller inside ours as
 * {@code subError} (a provider's fault behind {@code PROVIDER_FAULT}). Texts are the provider's,
 * cut to printable length; {@code errorDate} is kept as the provider wrote it.
 */
public record SubError(String errorCode, String errorMessage, Optional<String> errorData, Optional<String> errorDate) {

    public SubError {
        errorCode = PrintableText.of(Objects.requireNonNull(errorCode, "errorCode"), 200);
        errorMessage = PrintableText.of(Objects.requireNonNull(errorMessage, "errorMessage"), 1000);
        errorData = errorData.map(data -> PrintableText.of(data, 4000));
        errorDate = errorDate.map(date -> PrintableText.of(date, 64));
    }
}
