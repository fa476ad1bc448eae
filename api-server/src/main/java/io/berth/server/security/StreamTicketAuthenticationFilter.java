package io.berth.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a browser's EventSource, which cannot send an Authorization header, open a stream with a
 * {@code ticket} query parameter: short-lived, single-use, and good for the stream paths only, so that
 * no long-lived token ever travels in a URL (where proxies and browser history keep it). A request that
 * carries a bearer token is left to the token filter.
 */
class StreamTicketAuthenticationFilter extends OncePerRequestFilter {

    private static final Pattern STREAM_PATHS = Pattern.compile("/api/v1/(stream|applications/[^/]+/stream)");

    private final StreamTicketRedeemer tickets;

    StreamTicketAuthenticationFilter(StreamTicketRedeemer tickets) {
        this.tickets = tickets;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || request.getParameter("ticket") == null
                || request.getHeader("Authorization") != null
                || !STREAM_PATHS.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> principal = tickets.redeem(request.getParameter("ticket"));
        if (principal.isPresent()) {
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    principal.get(), null, principal.get().authorities()));
        } else {
            request.setAttribute(TokenAuthenticationFilter.FAILURE_ATTRIBUTE,
                    "The stream ticket is unknown, used already or expired: ask for a new one (POST /api/v1/stream/tickets)");
        }
        chain.doFilter(request, response);
    }
}
