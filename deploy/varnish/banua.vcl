vcl 4.1;
# Banua's shared HTTP cache (Varnish 7, Debian's package) in front of gunicorn.
#
# What it caches is decided by Django, not here: banua.middleware.EdgeCacheMiddleware
# sends `Cache-Control: public, s-maxage=N, max-age=0` only on anonymous pages that
# carry no session, cart or CSRF token; everything else is `private`. This file only
# (1) sends every visitor with a session, a CSRF cookie, a pending message or an
# Authorization header straight to Django, (2) drops the other cookies (analytics)
# so anonymous visitors share one copy, (3) caches nothing without `s-maxage`, and
# (4) lets Wagtail's frontend cache (and the marketplace's receivers) PURGE from
# loopback only; a PURGE of a path drops every cached query string of it.
#
# The backend below is a default: scripts/services/varnish.sh and the tests rewrite
# its .host/.port from BANUA_HTTP_CACHE_BACKEND when they load this file.

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Every stored copy of the path goes, whatever its query string
        # (?page=2 of a catalogue, tracking parameters): a ban on the path each
        # object records in vcl_backend_response. Bans apply to the next lookup.
        ban("obj.http.X-Banua-Path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # Django's session, CSRF and message cookies mean the page is someone's own.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken|messages)=") {
        return (pass);
    }
    # Anything else (analytics, the language cookie that unprefixed URLs ignore) would
    # only split the cache: anonymous visitors share one copy.
    unset req.http.Cookie;
    # Django varies on Accept-Language, but the language comes from the URL
    # (Indonesian at /, English at /en/); two variants at most.
    if (req.http.Accept-Language ~ "^\s*(?i)en") {
        set req.http.Accept-Language = "en";
    } else {
        unset req.http.Accept-Language;
    }
    return (hash);
}

sub vcl_hash {
    # One site behind this cache: the URL alone names the object, so a purge sent with
    # the Site's hostname (Wagtail's HTTP backend) matches what visitors fetched
    # through any Host (127.0.0.1:port in tests, the public name in production).
    hash_data(req.url);
    return (lookup);
}

sub vcl_backend_response {
    # Only what Django marked shareable is stored; Varnish's 120 s default TTL for
    # responses without Cache-Control would otherwise cache private pages.
    if (beresp.http.Cache-Control !~ "s-maxage" || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    set beresp.http.X-Banua-Path = regsub(bereq.url, "\?.*$", "");
    set beresp.grace = 10s;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.X-Banua-Path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
