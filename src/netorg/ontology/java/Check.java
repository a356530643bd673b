// OWL 2 DL profile check with the OWL API: `java -cp '/usr/share/java/*' Check.java FILE`.
// Prints one line per violation (its kind, a tab, the OWL API's description), then "violations: N".
// Exits 0 when the file is in OWL 2 DL, 1 when it is not, 2 when it cannot be loaded.

import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.semanticweb.owlapi.profiles.Profiles;

public class Check {
    public static void main(String[] args) {
        OWLOntology ontology;
        try {
            ontology = OWLManager.createOWLOntologyManager()
                .loadOntologyFromOntologyDocument(new File(args[0]));
        } catch (Exception error) {
            System.out.println("unloadable\t" + String.valueOf(error.getMessage()).split("\n")[0]);
            System.exit(2);
            return;
        }
        OWLProfileReport report = Profiles.OWL2_DL.checkOntology(ontology);
        int count = 0;
        for (OWLProfileViolation violation : report.getViolations()) {
            String text = violation.toString().replace('\n', ' ').replace('\t', ' ');
            System.out.println(violation.getClass().getSimpleName() + "\t" + text);
            count++;
        }
        System.out.println("violations: " + count);
        System.exit(count == 0 ? 0 : 1);
    }
}
