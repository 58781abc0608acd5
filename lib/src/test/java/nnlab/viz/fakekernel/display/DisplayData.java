package nnlab.viz.fakekernel.display;

import java.util.LinkedHashMap;
import java.util.Map;

public final class DisplayData {
    private final Map<String, Object> data = new LinkedHashMap<>();

    public void putData(String mime, Object value) {
        data.put(mime, value);
    }

    public Map<String, Object> data() {
        return data;
    }

    public String text(String mime) {
        return (String) data.get(mime);
    }
}
