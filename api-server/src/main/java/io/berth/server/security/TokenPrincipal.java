package io.berth.server.security;

/** Who is calling: the name of the token used and its role. */
public record TokenPrincipal(String tokenName, Role role) {

    @Override
    public String toString() {
        return tokenName;
    }
}
