package nnlab.viz;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nnlab.net.Activation;
import nnlab.net.Backprop;
import nnlab.net.ForwardPass;
import nnlab.net.Gradients;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Reduction;
import org.ejml.data.DMatrixRMaj;

import static nnlab.viz.NetworkDiagram.bias;
import static nnlab.viz.NetworkDiagram.unit;
import static nnlab.viz.NetworkDiagram.weight;

/**
 * The gallery's diagrams: one picture per feature of {@link NetworkDiagram} and {@link ComputationGraph},
 * drawn from the documents' own networks (the worked example's 2-2-2, the 5-2-4-3-3-1 of the matrix-shapes
 * article, the course notes' chain of single neurons).
 */
final class DiagramGallery {
    private DiagramGallery() {}

    /** The worked example's network with its initial weights (seed 003). */
    static Network workedExample() {
        Network net = Network.builder(2).dense(2, Activation.sigmoid()).dense(2, Activation.sigmoid())
                .init(Init.zeros(), 0).build();
        net.setTheta(1, new DMatrixRMaj(new double[][] {{0.35, 0.15, 0.20}, {0.35, 0.25, 0.30}}));
        net.setTheta(2, new DMatrixRMaj(new double[][] {{0.60, 0.40, 0.45}, {0.60, 0.50, 0.55}}));
        return net;
    }

    static Map<String, BufferedImage> pictures() {
        Map<String, BufferedImage> out = new LinkedHashMap<>();
        Network net = workedExample();
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{0.05, 0.10}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{0.01, 0.99}});
        ForwardPass pass = net.forward(x);
        Gradients g = Backprop.vectorized(net, Loss.quadratic(), Reduction.SUM, x, y);

        out.put("diagram-worked-initial", NetworkDiagram.of(net).notation(Notation.workedExample())
                .edgeText(NetworkDiagram.EdgeText.NAME_AND_VALUE)
                .title("The worked example: initial weights").image());
        out.put("diagram-worked-forward", NetworkDiagram.of(net).notation(Notation.workedExample())
                .edgeText(NetworkDiagram.EdgeText.VALUE).forward(pass, 0).digits(4)
                .title("After the forward pass: net | out of every unit").image());
        out.put("diagram-worked-w5", NetworkDiagram.of(net).notation(Notation.workedExample())
                .forward(pass, 0).backward(g, 0).digits(4)
                .highlight(Style.VERMILLION, weight(2, 0, 0), unit(2, 0), unit(1, 0))
                .label(weight(2, 0, 0), "∂E/∂w5 = δₒ₁·out_h1 = " + Numbers.sig(g.dW(2).get(0, 0), 4))
                .dimRest()
                .title("Backward for w5: δₒ₁ times out_h1").image());
        out.put("diagram-worked-w1", NetworkDiagram.of(net).notation(Notation.workedExample())
                .forward(pass, 0).backward(g, 0).digits(4)
                .highlightPath(Style.BLUE, 0, 0, 0, 0)
                .highlightPath(Style.ORANGE, 1, 0, 1)
                .highlight(Style.BLUE, unit(1, 0))
                .label(weight(2, 0, 0), "δₒ₁·w5")
                .label(weight(2, 1, 0), "δₒ₂·w7")
                .dimRest()
                .note("δ_h1 = (δₒ₁·w5 + δₒ₂·w7) · out_h1(1 − out_h1): two paths into h1")
                .title("Backward for w1: the error reaches h1 from o1 and o2").image());

        Network deep = Network.builder(5).dense(2, Activation.sigmoid()).dense(4, Activation.sigmoid())
                .dense(3, Activation.sigmoid()).dense(3, Activation.sigmoid()).dense(1, Activation.sigmoid())
                .init(Init.uniform(1), 4).build();
        out.put("diagram-numbered-layers", NetworkDiagram.of(deep.sizes()).notation(Notation.numberedLayers(95))
                .splitSymbols().highlightLayer(5, Style.VERMILLION).highlightLayer(4, Style.BLUE)
                .title("L95 … L100: every node split into Z | O").image());
        out.put("diagram-course-notes", NetworkDiagram.of(3, 5, 5, 4).biasNodes().notation(Notation.courseNotes())
                .title("The course notes' 4-layer network, a⁽¹⁾ … a⁽⁴⁾").image());
        out.put("diagram-course-weights", NetworkDiagram.of(net).notation(Notation.courseNotes())
                .edgeText(NetworkDiagram.EdgeText.NAME).title("Θ⁽ˡ⁾ⱼₖ: from unit k of layer l to unit j of layer l+1").image());

        DMatrixRMaj x2 = new DMatrixRMaj(new double[][] {{0.05, 0.10}});
        out.put("diagram-callouts", NetworkDiagram.of(net).notation(Notation.nielsen())
                .forward(net.forward(x2), 0).backward(g, 0)
                .callout(unit(2, 0), "BP1", "δᴸ = ∇ₐC ⊙ σ′(zᴸ) = " + Numbers.sig(g.delta(2).get(0, 0), 3), Style.VERMILLION)
                .callout(unit(1, 1), "BP2", "δˡ = ((wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ) = " + Numbers.sig(g.delta(1).get(0, 1), 3), Style.BLUE)
                .callout(bias(2, 1), "BP3", "∂C/∂bˡⱼ = δˡⱼ = " + Numbers.sig(g.db(2).get(1, 0), 3), Style.GREEN)
                .callout(weight(2, 0, 1), "BP4", "∂C/∂wˡⱼₖ = aˡ⁻¹ₖ δˡⱼ = " + Numbers.sig(g.dW(2).get(0, 1), 3), Style.PURPLE)
                .dimRest()
                .title("The four equations, each on the part it is about").image());

        ForwardPass deepPass = deep.forward(new DMatrixRMaj(new double[][] {{0.9, 0.1, 0.4, 0.7, 0.2}}));
        Gradients deepGrad = Backprop.vectorized(deep, Loss.quadratic(), Reduction.SUM,
                new DMatrixRMaj(new double[][] {{0.9, 0.1, 0.4, 0.7, 0.2}}), new DMatrixRMaj(new double[][] {{1.0}}));
        NetworkDiagram coded = NetworkDiagram.of(deep.sizes()).notation(Notation.numberedLayers(95)).dimRest();
        for (int l = 5; l >= 4; l--) {
            Map<NetworkDiagram.Part, String> texts = new LinkedHashMap<>();
            for (int j = 0; j < deep.sizes()[l]; j++) {
                for (int k = 0; k < deep.sizes()[l - 1]; k++) {
                    // ∂Loss/∂O: (O − y) at the output (½(O − y)²), what layer l + 1 sends back below it
                    double dLdO = l == 5 ? deepPass.a(5).get(0, 0) - 1.0 : deepGrad.dA(l).get(0, j);
                    double gPrime = deepGrad.delta(l).get(0, j) / dLdO;
                    double o = deepPass.a(l - 1).get(0, k);
                    texts.put(weight(l, j, k), String.format("∂Loss/∂W(L%d→L%d)[%d,%d] = ∂Loss/∂O · g′(Z) · O = %s × %s × %s = %s",
                            94 + l, 95 + l, j, k, Numbers.sig(dLdO, 3), Numbers.sig(gPrime, 3), Numbers.sig(o, 3),
                            Numbers.sig(deepGrad.dW(l).get(j, k), 3)));
                }
            }
            coded.callouts(l == 5 ? Style.VERMILLION : Style.BLUE, texts);
        }
        out.put("diagram-colour-coded", coded.title("The last two layers: every weight's gradient ∂Loss/∂O · g′(Z) · O").image());

        Network zero = Network.builder(3).dense(4, Activation.sigmoid()).dense(1, Activation.sigmoid()).init(Init.zeros(), 0).build();
        Network random = Network.builder(3).dense(4, Activation.sigmoid()).dense(1, Activation.sigmoid()).init(Init.uniform(0.12), 3).build();
        DMatrixRMaj xs = new DMatrixRMaj(new double[][] {{1, 0.5, -0.5}});
        DMatrixRMaj ys = new DMatrixRMaj(new double[][] {{1}});
        out.put("diagram-symmetry", NetworkDiagram.sideBySide("Zero start: identical hidden units; random start: different",
                NetworkDiagram.of(zero).activations(zero.forward(xs), 0).digits(3)
                        .backward(Backprop.vectorized(zero, Loss.crossEntropy(), Reduction.SUM, xs, ys), 0)
                        .title("Θ = 0").size(520, 420).image(),
                NetworkDiagram.of(random).activations(random.forward(xs), 0).digits(3)
                        .backward(Backprop.vectorized(random, Loss.crossEntropy(), Reduction.SUM, xs, ys), 0)
                        .title("Θ uniform in ±0.12").size(520, 420).image()));

        Network digits = Network.builder(8).dense(10, Activation.sigmoid()).init(Init.uniform(1), 6).build();
        DMatrixRMaj hidden = new DMatrixRMaj(new double[][] {{0.9, 0.1, 0.6, 0.05, 0.8, 0.3, 0.0, 0.45}});
        DMatrixRMaj target = new DMatrixRMaj(1, 10);
        target.set(0, 2, 1);
        ForwardPass dp = digits.forward(hidden);
        Gradients dg = Backprop.vectorized(digits, Loss.quadratic(), Reduction.SUM, hidden, target);
        double[] wish = new double[10];
        for (int j = 0; j < 10; j++) {
            wish[j] = target.get(0, j) - dp.a(1).get(0, j);
        }
        DMatrixRMaj nudgeW = new DMatrixRMaj(1, 8);
        for (int kk = 0; kk < 8; kk++) {
            nudgeW.set(0, kk, -dg.dW(1).get(2, kk));
        }
        DMatrixRMaj intoTwo = new DMatrixRMaj(10, 8);
        for (int kk = 0; kk < 8; kk++) {
            intoTwo.set(2, kk, nudgeW.get(0, kk));
        }
        String[] names = new String[10];
        for (int j = 0; j < 10; j++) {
            names[j] = Integer.toString(j);
        }
        out.put("diagram-nudges", NetworkDiagram.of(8, 10).notation(Notation.fromOutput())
                .names(java.util.Arrays.asList(null, names))
                .shade(List.of(hidden.data.clone(), dp.a(1).data.clone()))
                .nudges(java.util.Arrays.asList(null, wish))
                .edges(List.of(intoTwo), "−∂C/∂w").highlight(Style.GREEN, unit(1, 2))
                .title("One image of a 2: the nudges it wishes on the outputs and on the weights into unit 2").image());

        Network chain = Network.builder(1).dense(1, Activation.sigmoid()).dense(1, Activation.sigmoid())
                .dense(1, Activation.sigmoid()).init(Init.zeros(), 0).build();
        chain.setParameters(new double[] {0.1, 0.8, 0.4, -1.5, -0.3, 2.0});
        out.put("graph-chain", ComputationGraph.lastLayer(chain, new double[] {0.6}, new double[] {1.0}, 0)
                .showPaths("w⁽ᴸ⁾").image());
        out.put("graph-chain-gradients", ComputationGraph.lastLayer(chain, new double[] {0.6}, new double[] {1.0}, 0)
                .showGradients().image());
        Network wide = Network.builder(2).dense(3, Activation.sigmoid()).dense(2, Activation.sigmoid())
                .init(Init.uniform(1.0), 8).build();
        out.put("graph-several-paths", ComputationGraph.lastLayer(wide, new double[] {0.3, 0.9}, new double[] {1.0, 0.0}, 1)
                .showPaths("a₁⁽ᴸ⁻¹⁾").image());
        return out;
    }
}
