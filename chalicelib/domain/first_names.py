"""Common first names in Germany, Austria and Switzerland (folded). Two different names from this
list are two people; an unknown spelling one edit away from a known name is a typo."""
from .text import fold

_NAMES = """
Aaron Adam Adelheid Adrian Agnes Alban Albert Albin Albrecht Alexander Alexandra Alexia Alfons Alfred Alice
Alina Aline Alma Alois Aloisia Amalia Amelie Amina Ana Andrea Andreas Andrej Angela Angelika Anita Anja Anke
Anna Annabell Anne Annemarie Anneliese Annette Anni Anton Antonia Ariane Armin Arne Arnold Arthur Astrid August
Barbara Bastian Beate Beatrix Ben Benedikt Benjamin Bernadette Bernd Bernhard Berta Bertram Bettina Bianca
Birgit Björn Bodo Boris Brigitte Bruno Burkhard Carina Carl Carla Carmen Carola Caroline Carsten Charlotte Chiara
Christa Christian Christiane Christina Christine Christoph Christopher Clara Claudia Claus Clemens Conrad
Constanze Cornelia Dagmar Damian Daniel Daniela David Dennis Detlef Diana Dieter Dietmar Dietrich Dirk Dominik
Dominika Doris Dorothea Edith Eduard Edwin Egon Elena Elfriede Elias Elisabeth Elke Ella Ellen Elma Elmar Emil
Emilia Emily Emma Engelbert Erich Erik Erika Erna Ernst Erwin Esther Eugen Eva Evelyn Fabian Felix Ferdinand
Finn Florian Franz Franziska Frank Frederik Frida Friedrich Fritz Gabriel Gabriele Georg Gerald Gerda Gerhard
Gernot Gerti Gertraud Gertrud Gisela Gottfried Greta Gregor Gudrun Günter Günther Gustav Hanna Hannah Hannelore
Hans Harald Harry Hartmut Heidi Heidrun Heike Heinrich Heinz Helena Helene Helga Helmut Henning Henrik Herbert
Hermann Hertha Hilde Hildegard Holger Horst Hubert Ida Ilse Ina Ines Inge Ingeborg Ingo Ingrid Irene Iris Irmgard
Isabel Isabella Ivan Jakob Jan Jana Janina Jasmin Jens Joachim Johann Johanna Johannes Jonas Jonathan Josef
Josefa Josefine Judith Julia Julian Juliane Jürgen Justus Jutta Kai Karin Karl Karla Karoline Katharina Kathrin
Katja Katrin Kerstin Kevin Kilian Klara Klaus Konrad Konstantin Kornelia Kristina Kurt Lara Lars Laura Lea Lena
Lennart Leo Leon Leonhard Leonie Leopold Lina Linda Lisa Lorenz Lotte Louisa Luca Ludwig Luis Luisa Lukas Luzia
Magdalena Maja Malte Manfred Manuel Manuela Marc Marcel Marco Margarete Margit Maria Marianne Marie Marina Mario
Marion Marius Mark Marko Markus Marlene Marta Martha Martin Martina Mathias Matthias Max Maximilian Melanie
Melina Mia Michael Michaela Michelle Milan Mila Mira Miriam Mona Monika Moritz Nadine Nadja Natalie Nele Nicole
Niklas Nikola Nikolaus Nina Noah Norbert Olaf Olga Oliver Oskar Otto Pascal Patricia Patrick Paul Paula Petra
Peter Philipp Pia Rainer Ralf Ralph Raphael Regina Reinhard Reinhold Renate Rene Richard Rita Robert Robin Roland
Rolf Roman Ronja Rosa Rosemarie Rudolf Ruth Sabine Sabrina Samuel Sandra Sara Sarah Sascha Sebastian Selina
Silke Silvia Simon Simone Sonja Sophia Sophie Stefan Stefanie Steffen Stephan Stephanie Susanne Svenja Sven
Sybille Sylvia Tamara Tanja Theo Theodor Theresa Therese Thomas Thorsten Tim Timo Tina Tobias Torsten Ulrich
Ulrike Ursula Uta Ute Uwe Valentin Valentina Valerie Vanessa Vera Verena Veronika Victoria Viktor Viktoria
Vincent Walter Waltraud Werner Wilhelm Willi Wilma Wolfgang Xaver Yvonne Zoe Can Mehmet Ayse Fatma Ali Mustafa
Emre Elif Zeynep Ahmet Luka Marko Ivana Petar Dragan Milica Jovana Stefan Aleksandar Tomasz Katarzyna Piotr Anna
"""
KNOWN_FIRST_NAMES = frozenset(fold(n) for n in _NAMES.split())
