package org.qaqpa.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.qaqpa.config.ConfigException;
import org.qaqpa.contract.ContractRun;
import org.qaqpa.contract.MockServer;
import org.qaqpa.contract.SoapUiImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qaqpa contract}: contract testing for integrators (docs/contract-testing.md): suites of signed
 * requests and assertions, run against any SHEP-compatible endpoint.
 */
@Command(name = "contract", mixinStandardHelpOptions = true,
        description = "Contract testing: run suites of requests and assertions against a SHEP endpoint (docs/contract-testing.md).",
        subcommands = {ContractCommand.Run.class, ContractCommand.Mock.class, ContractCommand.ImportSoapUi.class})
public final class ContractCommand implements Runnable {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code qaqpa contract run SUITE...}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run contract test suites (YAML) against an endpoint: sign each request with a member key of",
                    "the development PKI, check the assertions, print one line per test case and 'N passed, N failed'."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every test case passed", "1:a test case failed",
                    "2:usage error, or a suite cannot be read (FILE:LINE: problem)", "3:the report cannot be written"})
    static final class Run implements Callable<Integer> {

        @Parameters(arity = "1..*", paramLabel = "SUITE", description = "Suite files (YAML).")
        List<Path> suites;

        @Option(names = "--endpoint", paramLabel = "URL",
                description = "Base address the steps' endpoints are relative to, e.g. http://127.0.0.1:8080 (default: the "
                        + "suite's 'endpoint', else http://127.0.0.1:8080).")
        String endpoint;

        @Option(names = "--property", paramLabel = "KEY=VALUE", description = "Set a property over the suite's own (repeatable).")
        Map<String, String> properties = new LinkedHashMap<>();

        @Option(names = "--report", paramLabel = "DIR",
                description = "Write report.html (each request and answer, failing assertions highlighted) and JUnit XML "
                        + "(TEST-SUITE.xml) into DIR.")
        Path reportDir;

        @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
                description = "The gateway's data directory: pki/NAME.p12 are the member keys suites sign with, pki/root-cert.pem "
                        + "the root answers' signatures are checked against (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Override
        public Integer call() {
            return ContractRun.run(new ContractRun.Options(suites, Optional.ofNullable(endpoint), properties,
                    Optional.ofNullable(reportDir), dataDir), System.out, System.err);
        }
    }

    /** {@code qaqpa contract mock WSDL}: serves the WSDL's operations until stopped. */
    @Command(name = "mock", mixinStandardHelpOptions = true,
            description = {"Serve a WSDL's operations on 127.0.0.1 with canned or templated answers (DIR/responses.yaml:",
                    "per operation, rules chosen by XPath on the request, signed if asked), until Ctrl-C or SIGTERM.",
                    "GET ?wsdl serves the WSDL and the files it imports."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:stopped", "2:usage error, or the WSDL or responses.yaml cannot be read", "3:the port cannot be bound"})
    static final class Mock implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "WSDL", description = "The WSDL 1.1 file; its relative imports are followed.")
        Path wsdl;

        @Option(names = "--responses", paramLabel = "DIR",
                description = "Directory holding responses.yaml and its templates (default: none, every operation answers a fault).")
        Path responses;

        @Option(names = "--port", paramLabel = "N", defaultValue = "8088",
                description = "HTTP port on 127.0.0.1, 0 for a free one (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
                description = "Data directory whose pki/NAME.p12 holds the key answers are signed with (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Override
        public Integer call() {
            MockServer mock;
            try {
                mock = MockServer.start(wsdl, Optional.ofNullable(responses), port, dataDir, System.out::println);
            } catch (ConfigException | IllegalArgumentException e) {
                System.err.println("cannot mock: " + e.getMessage());
                return 2;
            } catch (Exception e) {
                System.err.println("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
                return 3;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    mock.close();
                } catch (Exception e) {
                    System.err.println("mock did not stop cleanly: " + e.getMessage());
                } finally {
                    stopped.countDown();
                }
            }, "qaqpa-mock-stop"));
            System.out.println("mock of " + wsdl + " (" + MockServer.describe(wsdl) + ") at " + mock.baseUrl());
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }

    /** {@code qaqpa contract import-soapui PROJECT --out DIR}. */
    @Command(name = "import-soapui", mixinStandardHelpOptions = true,
            description = {"Convert the test suites of a SoapUI project (requests, endpoints, properties, property transfers,",
                    "assertions: XPath Match, Schema Compliance, SOAP Fault, Not SOAP Fault, Response SLA, Contains,",
                    "NotContains, Valid HTTP Status Codes, SOAP Response) into suites for `contract run`, and list what",
                    "could not be converted."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:converted (what was not is listed)", "2:usage error, or the project cannot be read",
                    "3:the suites cannot be written"})
    static final class ImportSoapUi implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "PROJECT", description = "The SoapUI project file (XML).")
        Path project;

        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "Where the suites (SUITE.yaml) and their request templates (requests/SUITE/) go.")
        Path out;

        @Override
        public Integer call() {
            SoapUiImport.Outcome outcome;
            try {
                outcome = SoapUiImport.convert(project, out);
            } catch (IllegalArgumentException e) {
                System.err.println("cannot import: " + e.getMessage());
                return 2;
            } catch (java.io.IOException e) {
                System.err.println("cannot write into " + out + ": " + e.getMessage());
                return 3;
            }
            outcome.suites().forEach(suite -> System.out.println("converted: " + suite));
            if (!outcome.notConverted().isEmpty()) {
                System.out.println("not converted:");
                outcome.notConverted().forEach(line -> System.out.println("  " + line));
            }
            return 0;
        }
    }
}
