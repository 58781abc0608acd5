package nnlab.viz;

import java.math.BigDecimal;
import java.math.MathContext;

/** Number text for tables and labels: a fixed count of significant digits, so 1e-9 never shows as 0.000. */
final class Numbers {
    private Numbers() {}

    /**
     * v rounded to {@code digits} significant digits. Plain notation for magnitudes in [1e-3, 1e6), otherwise
     * scientific ({@code 1.23e-09}); trailing zeros after the decimal point are dropped.
     */
    static String sig(double v, int digits) {
        if (digits < 1 || digits > 17) {
            throw new IllegalArgumentException("significant digits must be 1..17, got " + digits);
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(digits));
        double magnitude = Math.abs(rounded.doubleValue());
        if (magnitude >= 1e-3 && magnitude < 1e6) {
            String plain = rounded.toPlainString();
            return plain.contains(".") ? plain.replaceAll("0+$", "").replaceAll("\\.$", "") : plain;
        }
        String mantissa = rounded.unscaledValue().abs().toString();
        int exponent = mantissa.length() - 1 - rounded.scale();
        String digitsText = mantissa.replaceAll("0+$", "");
        String m = digitsText.length() > 1 ? digitsText.charAt(0) + "." + digitsText.substring(1) : digitsText;
        return String.format("%s%se%s%02d", v < 0 ? "-" : "", m, exponent < 0 ? "-" : "+", Math.abs(exponent));
    }
}
