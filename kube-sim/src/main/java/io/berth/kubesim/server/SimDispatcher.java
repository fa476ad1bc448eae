package io.berth.kubesim.server;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated API server's rules: bearer-token authentication and faults for outside callers, then
 * the behaviours fabric8's CRUD store lacks (discovery, watches, patches answered 200 and strategic
 * merge patches, server-side apply, API defaults, lists with every selector, typed and sorted, Tables,
 * /scale, status isolation), then the CRUD store itself. Every successful write is reported to the
 * change listeners.
 */
public final class SimDispatcher extends Dispatcher {

    private final Store store;
    private final Watches watches;
    private final TableView tables;
    private final Lists lists;
    private final Discovery discovery;
    private final ServerSideApply apply;
    private final ScaleSubresource scale;
    private final StatusRules statusRules;
    private final ObjectUpdate update;
    private final ObjectPatch patches;
    private final String token;
    private final String internalToken;
    private final FaultState faults;
    private final LongAdder outsideRequests = new LongAdder();
    private final List<ObjectChangeListener> listeners = new CopyOnWriteArrayList<>();

    /** @param timers where watch timeouts are scheduled */
    public SimDispatcher(String gitVersion, String token, String internalToken, FaultState faults, ScheduledExecutorService timers) {
        WatchHub hub = new WatchHub(Watches.HISTORY, faults);
        this.store = new Store(new ObservedStore(hub));
        this.tables = new TableView(store);
        this.watches = new Watches(store, hub, timers, tables);
        this.discovery = new Discovery(store, gitVersion);
        this.lists = new Lists(store, discovery, tables);
        this.scale = new ScaleSubresource(store);
        this.statusRules = new StatusRules(store);
        this.update = new ObjectUpdate(store, statusRules);
        this.apply = new ServerSideApply(store, update);
        this.patches = new ObjectPatch(store, update);
        this.token = token;
        this.internalToken = internalToken;
        this.faults = faults;
    }

    public void addListener(ObjectChangeListener listener) {
        listeners.add(listener);
    }

    /** How many requests outside callers made (a watch counts once, when it is opened). */
    public long outsideRequests() {
        return outsideRequests.sum();
    }

    /** How many watches are open now, over HTTP and WebSocket. */
    public int openWatches() {
        return watches.open();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String authorization = request.getHeader("Authorization");
        if (("Bearer " + internalToken).equals(authorization)) {
            return handle(request);
        }
        outsideRequests.increment();
        if (faults.unauthorized() || !("Bearer " + token).equals(authorization)) {
            return Responses.status(401, "Unauthorized", "Unauthorized");
        }
        if (faults.errorShare() > 0 && ThreadLocalRandom.current().nextDouble() < faults.errorShare()) {
            return Responses.status(500, "InternalError", "simulated server error");
        }
        MockResponse response = handle(request);
        if (!faults.latency().isZero()) {
            response.setBodyDelay(faults.latency());
        }
        return response;
    }

    private MockResponse handle(RecordedRequest request) {
        ApiPath path = ApiPath.parse(request.getPath());
        MockResponse discovered = discovery.answer(path.path());
        if (discovered != null) {
            return discovered;
        }
        if (!path.isResource()) {
            return store.dispatch(request);
        }
        MockResponse response = route(path, request);
        if (!request.getMethod().equals("GET") && Store.codeOf(response) < 300) {
            notifyChange(path, request, response);
        }
        if (request.getMethod().equals("GET") && Store.codeOf(response) == 200
                && response.getWebSocketListener() == null && !(response instanceof StreamingResponse)) {
            return shaped(path, request, response);
        }
        return response;
    }

    /** An object read by kubectl get: a Table of one row. (Lists are shaped by {@link Lists}.) */
    private MockResponse shaped(ApiPath path, RecordedRequest request, MockResponse response) {
        if (path.name() == null || !TableView.wanted(request)) {
            return response;
        }
        JsonNode body = Store.Reply.of(response).json();
        return body instanceof ObjectNode object ? Responses.json(200, tables.of(path, object).toString()) : response;
    }

    private MockResponse route(ApiPath path, RecordedRequest request) {
        String method = request.getMethod();
        if (!Discovery.isBuiltIn(path.group(), path.resource()) && discovery.find(path.group(), path.resource()) == null) {
            // As on a real server, a custom resource exists only while its CRD does.
            return Responses.status(404, "NotFound", "the server could not find the requested resource");
        }
        if (method.equals("GET") && WatchQuery.isWatch(path)) {
            return watches.open(path, request);
        }
        if ("scale".equals(path.subresource())) {
            return scale.handle(path, request);
        }
        if ("status".equals(path.subresource()) && (method.equals("PUT") || method.equals("PATCH"))) {
            return statusRules.updateStatus(path, request);
        }
        if (ServerSideApply.isApply(request)) {
            return apply.apply(path, request);
        }
        if (method.equals("PATCH") && path.name() != null && path.subresource() == null) {
            return patches.patch(path, request);
        }
        if (method.equals("PUT") && path.name() != null && path.subresource() == null) {
            return update.replace(path, request);
        }
        if (method.equals("POST") && path.name() == null && Discovery.isBuiltIn(path.group(), path.resource())) {
            return create(path, request);
        }
        if (method.equals("GET") && path.name() == null && path.subresource() == null) {
            return lists.list(path, request);
        }
        return store.dispatch(request);
    }

    /** A create, with the API defaults filled in first. */
    private MockResponse create(ApiPath path, RecordedRequest request) {
        JsonNode body;
        try {
            body = Store.JSON.readTree(Store.text(request.getBody()));
        } catch (JacksonException e) {
            return store.dispatch(request); // fabric8's store refuses what it cannot read
        }
        if (!(body instanceof ObjectNode object)) {
            return store.dispatch(request);
        }
        ApiDefaults.apply(path.group(), path.resource(), object);
        return store.post(path.path(), object).toResponse();
    }


    private void notifyChange(ApiPath path, RecordedRequest request, MockResponse response) {
        String name = path.name();
        if (name == null && request.getMethod().equals("POST")) {
            name = Store.Reply.of(response).json().path("metadata").path("name").asString(null);
        }
        if (name == null) {
            return;
        }
        if (request.getMethod().equals("DELETE")) {
            JsonNode deleted = Store.Reply.of(response).json();
            for (ObjectChangeListener listener : listeners) {
                listener.deleted(path.group(), path.resource(), path.namespace(), name, deleted);
            }
            return;
        }
        for (ObjectChangeListener listener : listeners) {
            listener.changed(path.group(), path.resource(), path.namespace(), name);
        }
    }
}
