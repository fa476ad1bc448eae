/** The example template sets shipped with Berth (resources under {@code seeds/}). Private to the template-store module. */
package io.berth.template.internal.seed;
