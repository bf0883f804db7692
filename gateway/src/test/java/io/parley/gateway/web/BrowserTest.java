package io.parley.gateway.web;

import io.parley.ParleyApplication;
import io.parley.realtime.socket.ParleySocket;
import io.parley.realtime.socket.SocketRegistry;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.StaleElementReferenceException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.socket.CloseStatus;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web client at / in Debian's Chromium (driven by its chromedriver), over https and wss with a test
 * certificate: two people in two browsers. Embedded mode, so it shares nothing with the other tests.
 * Screenshots of the main views are written to target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserTest {

    static final String ADMIN = "ann_admin";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final int CREATES = 30;
    @TempDir
    static Path dir;
    ConfigurableApplicationContext app;
    String origin;
    HttpClient https;
    WebDriver ann;
    WebDriver bob;
    long annId;

    @BeforeAll
    void start() throws Exception {
        Path keystore = dir.resolve("parley-test.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                                             "-genkeypair", "-alias", "parley", "-keyalg", "RSA", "-keysize", "2048",
                                             "-validity", "2", "-dname", "CN=localhost",
                                             "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                                             "-keystore", keystore.toString(), "-storetype", "PKCS12",
                                             "-storepass", "test-pass").inheritIO().start();
        assertThat(keytool.waitFor()).isZero();
        app = new SpringApplicationBuilder(ParleyApplication.class).run(
                "--server.port=0", "--PARLEY_DATA_DIR=" + dir.resolve("data"),
                "--parley.jwt.secret=" + Tokens.SECRET,
                "--parley.admins=" + ADMIN,
                "--spring.servlet.multipart.max-file-size=100KB",
                // Low enough for a page to run out (aPersonWhoPostsTooFastIsToldSo), above what any
                // person of the other tests creates; no refill to speak of while they run.
                "--parley.rate-limit.creates=" + CREATES, "--parley.rate-limit.per=1h",
                "--server.ssl.bundle=parley",
                "--spring.ssl.bundle.jks.parley.keystore.location=file:" + keystore,
                "--spring.ssl.bundle.jks.parley.keystore.password=test-pass",
                "--spring.ssl.bundle.jks.parley.keystore.type=PKCS12");
        origin = "https://localhost:" + ((ServletWebServerApplicationContext) app).getWebServer().getPort();

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            trusted.load(in, "test-pass".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        https = HttpClient.newBuilder().sslContext(tls).build();

        ann = browser();
        bob = browser();
        // Ann registers on the page (and is an admin by configuration); Bob has registered elsewhere.
        ann.get(origin + "/");
        ann.findElement(By.id("login-username")).sendKeys(ADMIN);
        ann.findElement(By.id("login-password")).sendKeys("ann password");
        ann.findElement(By.id("login-email")).sendKeys("ann@example.org");
        ann.findElement(By.id("register-submit")).click();
        annId = Long.parseLong(waitFor(ann, By.cssSelector("#me[data-user-id]")).getAttribute("data-user-id"));
        assertThat(Rest.postJson(https, origin + "/api/auth/register",
                                 Map.of("username", "bob", "email", "bob@example.org", "password", "bob password"), null)
                       .status()).isEqualTo(201);
    }

    /** Debian's chromium through Debian's chromedriver: Selenium is told both paths, so it downloads nothing. */
    static WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800");
        options.setAcceptInsecureCerts(true); // the test certificate
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    void stop() {
        for (WebDriver driver : new WebDriver[]{ann, bob}) {
            if (driver != null) {
                driver.quit();
            }
        }
        if (app != null) {
            app.close();
        }
    }

    WebElement waitFor(WebDriver driver, By what) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    void waitUntil(WebDriver driver, java.util.function.Function<WebDriver, Boolean> condition) {
        // An element found in one step may be re-rendered before the next: try again.
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    void logIn(WebDriver driver, String username, String password) {
        // A fresh session, cleared on a page of the origin where the app does not run: cleared under a
        // running app, a token refresh still under way could store the last person's token again.
        driver.get(origin + "/sdk/parley.js");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.get(origin + "/");
        waitFor(driver, By.id("login-username")).sendKeys(username);
        driver.findElement(By.id("login-password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        waitFor(driver, By.cssSelector("#status.online"));
    }

    void screenshot(WebDriver driver, String name) throws Exception {
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), target.resolve(name + ".png"),
                   StandardCopyOption.REPLACE_EXISTING);
    }

    /** The texts of the elements, read in one go in the page (the page may re-render meanwhile). */
    @SuppressWarnings("unchecked")
    static List<String> texts(WebDriver driver, String css) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent.trim())", css);
    }

    /** An attribute of the first element matching, read in the page. */
    static String attribute(WebDriver driver, String css, String name) {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "return document.querySelector(arguments[0]).getAttribute(arguments[1])", css, name);
    }

    /** Takes the browser off the network, or back on it: new connections fail while off. */
    static void offline(WebDriver driver, boolean off) {
        ChromeDriver chrome = (ChromeDriver) driver;
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.emulateNetworkConditions",
                                 Map.of("offline", off, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    @Test
    void twoPeopleChatSeeReadMarksAndCountsAndACutSocketLosesNothing() throws Exception {
        logIn(bob, "bob", "bob password");
        long bobId = Long.parseLong(bob.findElement(By.id("me")).getAttribute("data-user-id"));
        Rest.Response dialog = Rest.postJson(https, origin + "/api/admin/dialogs",
                                             Map.of("user_ids", List.of(annId, bobId)), Tokens.admin(Tokens.newUserId()));
        assertThat(dialog.status()).isEqualTo(201);
        bob.navigate().refresh();
        waitFor(bob, By.cssSelector("[data-dialog-id]")).click();
        ann.findElement(By.cssSelector("[data-view=dialogs]")).click();

        // Bob writes Markdown; Ann's page shows the dialog with an unread badge and the count.
        WebElement composer = waitFor(bob, By.id("composer-body"));
        composer.sendKeys("Hello **Ann**", Keys.ENTER);
        waitFor(ann, By.cssSelector("[data-dialog-id] .badge.unread"));
        waitUntil(ann, d -> d.findElement(By.id("count")).getText().equals("1"));
        screenshot(ann, "dialogs-unread");

        // Ann opens it: the Markdown is rendered, her read mark reaches Bob, her count drops.
        ann.findElement(By.cssSelector("[data-dialog-id]")).click();
        // Read in the page: the list re-renders as read marks and pushes arrive.
        waitUntil(ann, d -> texts(d, "#messages .message .body strong").contains("Ann"));
        waitFor(bob, By.cssSelector("#messages .message.mine .read"));
        waitUntil(ann, d -> !d.findElement(By.id("count")).isDisplayed());
        assertThat(ann.findElements(By.cssSelector("[data-dialog-id] .badge.unread"))).isEmpty();

        // HTML typed into a message is shown as text.
        ann.findElement(By.id("composer-body")).sendKeys("<img src=x onerror=alert(1)>", Keys.ENTER);
        waitUntil(bob, d -> texts(d, "#messages .message .body").contains("<img src=x onerror=alert(1)>"));
        assertThat(bob.findElements(By.cssSelector("#messages .message .body img"))).isEmpty();
        screenshot(bob, "dialog");

        // Bob's socket is cut mid-chat and his browser goes offline (Chrome's network emulation), so it
        // cannot come back while Ann writes: her messages can reach his page only by the resume.
        offline(bob, true);
        SocketRegistry sockets = app.getBean(SocketRegistry.class);
        for (ParleySocket socket : List.copyOf(sockets.of(bobId))) {
            socket.close(CloseStatus.SERVICE_RESTARTED);
        }
        waitFor(bob, By.cssSelector("#status.reconnecting"));
        for (int i = 1; i <= 3; i++) {
            ann.findElement(By.id("composer-body")).sendKeys("after the cut " + i, Keys.ENTER);
        }
        waitUntil(ann, d -> texts(d, "#messages .message .body").contains("after the cut 3"));
        assertThat(texts(bob, "#messages .message .body")).doesNotContain("after the cut 1", "after the cut 2",
                                                                          "after the cut 3");
        assertThat(bob.findElement(By.id("status")).getText()).isEqualTo("reconnecting");
        offline(bob, false);
        waitUntil(bob, d -> texts(d, "#messages .message .body").contains("after the cut 3"));
        waitFor(bob, By.cssSelector("#status.online"));
        assertThat(texts(bob, "#messages .message .body"))
                .containsExactly("Hello Ann", "<img src=x onerror=alert(1)>", "after the cut 1", "after the cut 2",
                                 "after the cut 3");

        // An attachment: Ann sends a file alone, Bob's page shows it and may fetch it; a file over the
        // limit is refused on Ann's page.
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "the notes");
        ann.findElement(By.id("composer-file")).sendKeys(notes.toString());
        ann.findElement(By.id("composer-send")).click();
        waitUntil(bob, d -> texts(d, "#messages .message .file").stream().anyMatch(t -> t.contains("notes.txt")));
        String fileId = attribute(bob, "#messages .message .file", "data-file-id");
        Object fetched = ((JavascriptExecutor) bob).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "fetch('/api/files/' + arguments[0] + '/content', {headers: {Authorization: 'Bearer ' + "
                + "sessionStorage.getItem('parley.token')}}).then(r => r.text()).then(done, e => done(String(e)));",
                fileId);
        assertThat(fetched).isEqualTo("the notes");
        Path big = dir.resolve("big.bin");
        Files.write(big, new byte[200_000]);
        ann.findElement(By.id("composer-file")).sendKeys(big.toString());
        ann.findElement(By.id("composer-send")).click();
        waitUntil(ann, d -> "too_large".equals(d.findElement(By.id("notice")).getAttribute("data-code")));

        // The admin view: the history of Bob's message, the projections, a replay with its progress.
        String messageId = attribute(bob, "#messages .message.mine", "data-id");
        ann.findElement(By.cssSelector("[data-view=admin]")).click();
        waitFor(ann, By.cssSelector("#projections [data-processor]"));
        ann.findElement(By.id("history-id")).sendKeys(messageId, Keys.ENTER);
        waitUntil(ann, d -> texts(d, "#history li.created code").contains("Hello **Ann**"));
        ann.findElement(By.id("replay")).click();
        waitUntil(ann, d -> d.findElement(By.id("notice")).getText().equals("Replay finished"));
        screenshot(ann, "admin");
    }

    @Test
    void aServerOwnersActionsReachTheMembersPage() throws Exception {
        logIn(bob, "bob", "bob password");
        ann.findElement(By.cssSelector("[data-view=servers]")).click();
        ann.findElement(By.id("server-name")).sendKeys("tea room", Keys.ENTER);
        waitFor(ann, By.id("server-title"));
        ann.findElement(By.id("channel-name")).sendKeys("general", Keys.ENTER);
        waitFor(ann, By.cssSelector("#channel-list [data-channel-id]")).click();
        ann.findElement(By.id("invite-create")).click();
        String code = waitFor(ann, By.cssSelector(".invite-code")).getText();

        // A refusal is shown: an unknown code.
        bob.findElement(By.cssSelector("[data-view=servers]")).click();
        bob.findElement(By.id("join-code")).sendKeys("no-such-code", Keys.ENTER);
        waitUntil(bob, d -> d.findElement(By.id("notice")).isDisplayed());
        assertThat(bob.findElement(By.id("notice")).getAttribute("data-code")).isEqualTo("not_found");

        bob.findElement(By.id("join-code")).clear();
        bob.findElement(By.id("join-code")).sendKeys(code, Keys.ENTER);
        waitFor(bob, By.cssSelector("#server-list [data-server-id]"));
        waitUntil(ann, d -> d.findElements(By.cssSelector("#member-list [data-user-id]")).size() == 2);

        ann.findElement(By.id("channel-text")).sendKeys("welcome, Bob", Keys.ENTER);
        waitUntil(bob, d -> texts(d, "#channel-messages .message .body").contains("welcome, Bob"));
        bob.findElement(By.id("channel-text")).sendKeys("thanks", Keys.ENTER);
        waitUntil(ann, d -> texts(d, "#channel-messages .message .body").contains("thanks"));
        screenshot(ann, "servers");

        // The owner deletes her own message, then kicks Bob: both reach his page.
        ann.findElements(By.cssSelector("#channel-messages .message.mine button")).stream()
           .filter(b -> b.getText().equals("delete")).findFirst().orElseThrow().click();
        waitUntil(bob, d -> !texts(d, "#channel-messages .message .body").contains("welcome, Bob"));
        memberButton(ann, "kick").click();
        waitUntil(bob, d -> d.findElement(By.id("notice")).getText().equals("You are no longer a member of tea room"));
        waitUntil(bob, d -> d.findElements(By.cssSelector("#server-list [data-server-id]")).isEmpty());

        // Back with the code, then banned: that reaches his page too, and joining again is refused.
        bob.findElement(By.id("join-code")).sendKeys(code, Keys.ENTER);
        waitFor(bob, By.cssSelector("#server-list [data-server-id]"));
        waitUntil(ann, d -> d.findElements(By.cssSelector("#member-list [data-user-id]")).size() == 2);
        memberButton(ann, "ban").click();
        waitUntil(bob, d -> d.findElements(By.cssSelector("#server-list [data-server-id]")).isEmpty());
        bob.findElement(By.id("join-code")).sendKeys(code, Keys.ENTER);
        waitUntil(bob, d -> "forbidden".equals(d.findElement(By.id("notice")).getAttribute("data-code")));
        assertThat(bob.findElement(By.id("notice")).getText()).startsWith("Not allowed");
        assertThat(bob.findElements(By.cssSelector("#server-list [data-server-id]"))).isEmpty();
    }

    @Test
    void aPersonWhoPostsTooFastIsToldSo() {
        // Carl, on Bob's browser: his own creates, so the limit spent here touches no other test.
        assertThat(Rest.postJson(https, origin + "/api/auth/register",
                                 Map.of("username", "carl", "email", "carl@example.org", "password", "carl password"),
                                 null).status()).isEqualTo(201);
        logIn(bob, "carl", "carl password");
        bob.findElement(By.cssSelector("[data-view=servers]")).click();
        bob.findElement(By.id("server-name")).sendKeys("carl's", Keys.ENTER);
        waitFor(bob, By.id("server-title"));
        bob.findElement(By.id("channel-name")).sendKeys("fast", Keys.ENTER);
        waitFor(bob, By.cssSelector("#channel-list [data-channel-id]")).click();
        waitFor(bob, By.id("channel-text"));
        // The composer sent more times at once than the limit allows (two creates are spent already).
        ((JavascriptExecutor) bob).executeScript(
                "for (let i = 0; i < arguments[0]; i++) {"
                + " document.getElementById('channel-text').value = 'fast ' + i;"
                + " document.getElementById('channel-composer').requestSubmit(); }", CREATES);
        waitUntil(bob, d -> "rate_limited".equals(d.findElement(By.id("notice")).getAttribute("data-code")));
        assertThat(bob.findElement(By.id("notice")).getText()).startsWith("Too many at once");
        // Those within the limit were posted; none beyond it.
        waitUntil(bob, d -> texts(d, "#channel-messages .message .body").size() == CREATES - 2);
        assertThat(texts(bob, "#channel-messages .message .body")).doesNotContain("fast " + (CREATES - 2));
    }

    @Test
    void aSessionThatCanNoLongerBeRenewedShowsTheLoginForm() {
        // A page opened with an expired token: the token refresh before connecting is refused (401).
        bob.get(origin + "/sdk/parley.js");
        ((JavascriptExecutor) bob).executeScript("sessionStorage.setItem('parley.token', arguments[0])",
                                                 Tokens.forUser(Tokens.newUserId(), Instant.now().minusSeconds(60),
                                                                List.of()));
        bob.get(origin + "/");
        waitFor(bob, By.id("login-username"));
        assertThat(bob.findElement(By.id("notice")).getAttribute("data-code")).isEqualTo("unauthorized");
        assertThat(bob.findElement(By.id("notice")).getText()).startsWith("Please log in again").contains("expired");
        assertThat(bob.findElement(By.id("status")).getText()).isEmpty();
        assertThat((Object) ((JavascriptExecutor) bob).executeScript("return sessionStorage.getItem('parley.token')"))
                .isNull();
    }

    /** An owner's button (kick, ban) beside the member who is not Ann. */
    WebElement memberButton(WebDriver owner, String text) {
        return owner.findElements(By.cssSelector("#member-list [data-user-id]:not([data-user-id='" + annId + "']) button"))
                    .stream().filter(b -> b.getText().equals(text)).findFirst().orElseThrow();
    }
}
