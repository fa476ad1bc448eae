package io.berth.server.bench.suite;

import java.util.List;

/** One benchmark of the suite: runs at full or smoke size and gives the lines of the table. */
public interface Bench {

    /** The short name used on the command line ({@code --only=reads,registry}) and in the table. */
    String name();

    /**
     * Runs the benchmark. At {@link Size#SMOKE} it does the same work at tiny sizes, in seconds, so
     * that the test run keeps the code working; its figures mean nothing.
     */
    List<Figure> run(Size size) throws Exception;

    enum Size { FULL, SMOKE }
}
