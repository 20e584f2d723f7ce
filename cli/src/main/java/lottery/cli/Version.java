package lottery.cli;

import picocli.CommandLine;

final class Version implements CommandLine.IVersionProvider {
    @Override public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"lottery " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
    }
}
