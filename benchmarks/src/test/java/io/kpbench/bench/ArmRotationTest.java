package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ArmRotationTest {
    @Test
    void everyRoundMeasuresEveryArmOnce() {
        ArmRotation r = new ArmRotation(14, 1);
        for (int round = 0; round < 5; round++) {
            TreeSet<Integer> seen = new TreeSet<>();
            for (int i = 0; i < 14; i++) {
                seen.add(r.nextMeasurement());
            }
            assertEquals(14, seen.size(), "round " + round + ": " + seen);
        }
    }

    @Test
    void theSameSeedGivesTheSameOrderAndRoundsDiffer() {
        List<Integer> a = draw(new ArmRotation(14, 42), 28);
        assertEquals(a, draw(new ArmRotation(14, 42), 28));
        assertNotEquals(a.subList(0, 14), a.subList(14, 28), "a fresh permutation each round");
        assertNotEquals(a, draw(new ArmRotation(14, 43), 28));
    }

    private static List<Integer> draw(ArmRotation r, int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(r.nextMeasurement());
        }
        return out;
    }
}
