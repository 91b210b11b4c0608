// Tells the server the reader's time zone (in a cookie sent with every later request), so that times
// and "today" are shown in it rather than in the server's zone.
try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) {
        document.cookie = "helpask.tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; samesite=lax";
    }
} catch {
    // No Intl: the server's zone is used.
}
